import { existsSync } from "node:fs";
import { copyFile, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { VerificationKey } from "snarkjs";
import type { Hex } from "viem";
import type { CompiledCircuit } from "../circuit/compileCircuit.ts";
import {
  PublishedKeyCircuitMismatchError,
  PublishedKeyHashMismatchError,
  PublishedKeysMissingError,
} from "../errors/setup.ts";
import { withFileLock } from "../files/withFileLock.ts";
import { assertZkeyContributed } from "./assertZkeyContributed.ts";
import { createProgress, type OnProgress } from "./createProgress.ts";
import { devPtauPath } from "./devPtauPath.ts";
import { readSetupRecord } from "./readSetupRecord.ts";
import type { SetupCircuitReturnType, SetupRecord } from "./setupCircuit.ts";
import { sha256File } from "./sha256File.ts";

/** A model's published proving and verification keys (a release's `keys/` folder) and the hashes pinned for them. */
export type PublishedKeys = {
  /** The folder holding circuit_final.zkey, verification_key.json and setup.json. */
  dir: string;
  /** sha256 of circuit_final.zkey, 64 lowercase hex digits (the manifest's `keys.zkeySha256`). */
  zkeySha256: string;
  /** 0x + sha256 of verification_key.json (the manifest's `keys.vkeyHash`, the registry's vkeyHash). */
  vkeyHash: Hex;
};
export type InstallPublishedKeysParameters = {
  circuit: CompiledCircuit;
  published: PublishedKeys;
  onProgress?: OnProgress;
};
export type InstallPublishedKeysReturnType = SetupCircuitReturnType;

/**
 * Installs a model's published keys as its circuit's setup in the zk cache (no phase 2): checks that they were made
 * for the circuit compiled here and that both files have their pinned hashes, then copies them in with a record
 * marked `published: true`, which `setupCircuit` never replaces. A mismatch throws and installs nothing: there is
 * no fallback to a fresh phase 2, whose key would not be the published one.
 *
 * @example
 * const setup = await installPublishedKeys({ circuit, published: { dir, zkeySha256, vkeyHash } });
 */
export async function installPublishedKeys({
  circuit,
  published,
  onProgress,
}: InstallPublishedKeysParameters): Promise<InstallPublishedKeysReturnType> {
  const report = createProgress(onProgress);
  const source = {
    zkey: join(published.dir, "circuit_final.zkey"),
    vkey: join(published.dir, "verification_key.json"),
    record: join(published.dir, "setup.json"),
  };
  const target = {
    zkey: join(circuit.dir, "circuit_final.zkey"),
    vkey: join(circuit.dir, "verification_key.json"),
    record: join(circuit.dir, "setup.json"),
  };
  const missing = Object.values(source).filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new PublishedKeysMissingError({ dir: published.dir, missing: missing.map((path) => basename(path)) });
  }
  const record = await readSetupRecord({ path: source.record });
  if (record.key !== circuit.key) {
    throw new PublishedKeyCircuitMismatchError({ dir: published.dir, expected: circuit.key, received: record.key });
  }
  const check = async (path: string, expected: string, prefix: string) => {
    const received = `${prefix}${await sha256File({ path })}`;
    if (received !== expected.toLowerCase()) throw new PublishedKeyHashMismatchError({ path, expected, received });
  };
  await check(source.zkey, published.zkeySha256, "");
  await check(source.vkey, published.vkeyHash, "0x");

  return withFileLock({
    path: join(circuit.dir, "setup.lock"),
    run: async () => {
      const verificationKey = JSON.parse(await readFile(source.vkey, "utf8")) as VerificationKey;
      if (existsSync(target.record) && existsSync(target.zkey) && existsSync(target.vkey)) {
        const installed = await readSetupRecord({ path: target.record });
        if (
          installed.published &&
          (await sha256File({ path: target.zkey })) === published.zkeySha256.toLowerCase() &&
          `0x${await sha256File({ path: target.vkey })}` === published.vkeyHash.toLowerCase()
        ) {
          report(`${circuit.name}: published key installed in ${circuit.dir}`);
          return {
            zkey: target.zkey,
            verificationKey,
            verificationKeyPath: target.vkey,
            record: installed,
            cached: true,
          };
        }
      }
      const installed: SetupRecord = {
        ...record,
        ptau: { ...record.ptau, path: record.ptau.development ? devPtauPath() : record.ptau.path },
        published: true,
      };
      const partial = join(circuit.dir, `published-${process.pid}.zkey`);
      try {
        await copyFile(source.zkey, partial);
        await check(partial, published.zkeySha256, "");
        await assertZkeyContributed({ path: partial });
        await rename(partial, target.zkey);
      } finally {
        await rm(partial, { force: true });
      }
      await copyFile(source.vkey, target.vkey);
      await writeFile(target.record, `${JSON.stringify(installed, null, 2)}\n`);
      report(
        `${circuit.name}: installed the published key (sha256 ${published.zkeySha256.slice(0, 16)}...) in ${circuit.dir}: no phase 2 to run`,
      );
      return { zkey: target.zkey, verificationKey, verificationKeyPath: target.vkey, record: installed, cached: false };
    },
  });
}
