import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { type SnarkjsLogger, type VerificationKey, zKey } from "snarkjs";
import type { LocalAccount } from "viem";
import { SetupRecordMissingError } from "../errors/setup.ts";
import { withFileLock } from "../files/withFileLock.ts";
import { attestContribution, type ContributionAttestation } from "./attestContribution.ts";
import { readSetupRecord } from "./readSetupRecord.ts";
import { readZkeyContributions } from "./readZkeyContributions.ts";
import type { SetupRecord } from "./setupCircuit.ts";
import { terminateCurve } from "./terminateCurve.ts";

export type ContributeSetupParameters = {
  /** An existing Groth16 proving key (a setup's `circuit_final.zkey`, or one someone sent you). */
  zkey: string;
  /** Where to write the new key; defaults to `zkey` itself (replaced once the contribution is done). */
  out?: string;
  /** The contributor: the contribution is named `convergence:<address>` and its hash signed by this account. */
  account: LocalAccount;
  /** Secret randomness for the contribution; defaults to 64 random bytes. It is never written anywhere. */
  entropy?: string;
  /** The circuit key to sign; defaults to `key` in the setup.json beside `out`, else beside `zkey`. */
  circuitKey?: string;
};
export type ContributeSetupReturnType = {
  zkey: string;
  /** The new key's verification key (a contribution changes delta: register after the last contribution). */
  verificationKey: VerificationKey;
  verificationKeyPath: string;
  attestation: ContributionAttestation;
  /** The updated setup.json beside `out`, when there was one. */
  record: SetupRecord | undefined;
};

/**
 * One more phase-2 contribution on an existing proving key, signed by `account`: more contributors mean the key is
 * safe as long as any one of them destroyed its entropy. Writes the new key to `out`, re-exports
 * `verification_key.json` beside it and, when a setup.json is there (or beside `zkey`), appends the attestation to
 * it. The verification key changes, so contribute before registering the model.
 *
 * @example
 * const { attestation } = await contributeSetup({ zkey: setup.zkey, account: privateKeyToAccount(key) });
 */
export async function contributeSetup({
  zkey,
  out,
  account,
  entropy,
  circuitKey,
}: ContributeSetupParameters): Promise<ContributeSetupReturnType> {
  const source = resolve(zkey);
  const target = resolve(out ?? zkey);
  const dir = dirname(target);
  const recordPaths = [join(dir, "setup.json"), join(dirname(source), "setup.json")];
  return withFileLock({
    path: join(dir, "setup.lock"),
    run: async () => {
      // Refuses anything that is not a Groth16 key before the slow part.
      const before = await readZkeyContributions({ path: source });
      const recordPath = recordPaths.find((path) => existsSync(path));
      const record = recordPath === undefined ? undefined : await readSetupRecord({ path: recordPath });
      const key = circuitKey ?? record?.key;
      if (key === undefined) throw new SetupRecordMissingError({ dirs: [...new Set(recordPaths.map(dirname))] });

      const logger: SnarkjsLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
      const step = join(dir, `contribute-${process.pid}.zkey`);
      try {
        await zKey.contribute(
          source,
          step,
          `convergence:${account.address}`,
          entropy ?? randomBytes(64).toString("hex"),
          logger,
        );
        const attestation = await attestContribution({
          zkey: step,
          index: before.length + 1,
          circuitKey: key,
          account,
        });
        const verificationKey = await zKey.exportVerificationKey(step, logger);
        await rename(step, target);
        const verificationKeyPath = join(dir, "verification_key.json");
        await writeFile(verificationKeyPath, `${JSON.stringify(verificationKey, null, 2)}\n`);
        let updated: SetupRecord | undefined;
        if (record !== undefined) {
          updated = {
            ...record,
            contributions: before.length + 1,
            attestations: [...record.attestations, attestation],
            // No longer the key a model's manifest pins.
            published: false,
          };
          await writeFile(join(dir, "setup.json"), `${JSON.stringify(updated, null, 2)}\n`);
        }
        return { zkey: target, verificationKey, verificationKeyPath, attestation, record: updated };
      } finally {
        await rm(step, { force: true });
        await terminateCurve();
      }
    },
  });
}
