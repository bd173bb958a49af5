import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { zkCacheDir } from "../paths/zkCacheDir.ts";
import { readZkeyInfo } from "./readZkeyInfo.ts";
import type { SetupRecord } from "./setupCircuit.ts";

export type ZkCacheEntry = {
  key: string;
  dir: string;
  constraints?: number;
  /** r1cs, wasm and sym present. */
  compiled: boolean;
  /** Proving and verification keys present. */
  setUp: boolean;
  contributions?: number;
  /** True when the proving key has no phase-2 contribution: prove refuses it. */
  uncontributed?: boolean;
  ptauSha256?: string;
  verifiers: string[];
  problem?: string;
};
export type InspectZkCacheReturnType = { dir: string; entries: ZkCacheEntry[] };

/**
 * What the zk cache holds, per circuit: compiled artifacts, setup, phase-2 contributions of the
 * proving key, the ptau it came from, exported verifiers. For `convergence doctor`.
 *
 * @example
 * const { entries } = await inspectZkCache();
 */
export async function inspectZkCache(): Promise<InspectZkCacheReturnType> {
  const dir = zkCacheDir();
  if (!existsSync(dir)) return { dir, entries: [] };
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && !entry.name.includes(".tmp-"))
    .map((entry) => entry.name)
    .sort();
  const entries: ZkCacheEntry[] = [];
  for (const key of names) {
    const path = join(dir, key);
    const files = await readdir(path);
    const entry: ZkCacheEntry = {
      key,
      dir: path,
      compiled:
        ["main.r1cs", "main.sym", "compiled.json"].every((file) => files.includes(file)) &&
        existsSync(join(path, "main_js", "main.wasm")),
      setUp: ["circuit_final.zkey", "verification_key.json", "setup.json"].every((file) => files.includes(file)),
      verifiers: files.filter((file) => file.endsWith(".sol")).sort(),
    };
    try {
      if (files.includes("compiled.json")) {
        entry.constraints = (
          JSON.parse(await readFile(join(path, "compiled.json"), "utf8")) as { constraints: number }
        ).constraints;
      }
      if (entry.setUp) {
        const info = await readZkeyInfo({ path: join(path, "circuit_final.zkey") });
        entry.contributions = info.contributions;
        entry.uncontributed = info.contributions === 0 || info.deltaUnchanged;
        entry.ptauSha256 = (JSON.parse(await readFile(join(path, "setup.json"), "utf8")) as SetupRecord).ptau.sha256;
      }
    } catch (error) {
      entry.problem = error instanceof Error ? error.message : String(error);
    }
    entries.push(entry);
  }
  return { dir, entries };
}
