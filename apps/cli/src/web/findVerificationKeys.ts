import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { convergenceHome, workspaceRoot } from "@convergence/paths";
import { hashVerificationKey, type VerificationKey } from "@convergence/zk";
import type { Hex } from "viem";

export type FindVerificationKeysReturnType = Map<Hex, VerificationKey>;

const KEY_FILE = "verification_key.json";

async function collect(dir: string, depth: number, found: string[]): Promise<void> {
  if (depth < 0 || !existsSync(dir)) return;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.name === "node_modules" || entry.name.includes(".tmp-")) continue;
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name === KEY_FILE) found.push(path);
    else if (entry.isDirectory() || entry.isSymbolicLink()) await collect(path, depth - 1, found);
  }
}

/**
 * The Groth16 verification keys this machine holds, by the hash the ModelRegistry registers them under
 * (`hashVerificationKey`): the zk cache and imported models and circuit packages under $CONVERGENCE_HOME, and the
 * published keys shipped with packages/models. The dashboard serves them as /keys/<modelId>.json; the page hashes the
 * key again and refuses it unless it equals the chain's `vkeyHash`, so a wrong file here is caught there.
 *
 * @example
 * const keys = await findVerificationKeys();
 * const key = keys.get(model.vkeyHash);
 */
export async function findVerificationKeys(): Promise<FindVerificationKeysReturnType> {
  const paths: string[] = [];
  await collect(convergenceHome(), 4, paths);
  await collect(join(workspaceRoot(), "packages", "models", "assets"), 3, paths);
  const keys: FindVerificationKeysReturnType = new Map();
  for (const path of paths) {
    try {
      const key = JSON.parse(await readFile(path, "utf8")) as VerificationKey;
      keys.set(hashVerificationKey(key).toLowerCase() as Hex, key);
    } catch {
      // An unreadable or half-written file is not a key; the page says "no key" for its model.
    }
  }
  return keys;
}
