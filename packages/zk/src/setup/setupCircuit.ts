import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type SnarkjsLogger, type VerificationKey, zKey } from "snarkjs";
import type { LocalAccount } from "viem";
import type { CompiledCircuit } from "../circuit/compileCircuit.ts";
import { PtauTooSmallError, PublishedKeyInstalledError } from "../errors/setup.ts";
import { withFileLock } from "../files/withFileLock.ts";
import { assertZkeyContributed } from "./assertZkeyContributed.ts";
import { attestContribution, type ContributionAttestation } from "./attestContribution.ts";
import { checkPtau } from "./checkPtau.ts";
import { PHASE2_BEACON_ITERATIONS_EXP } from "./constants.ts";
import { createProgress, type OnProgress } from "./createProgress.ts";
import { readSetupRecord } from "./readSetupRecord.ts";
import { requiredPtauPower } from "./requiredPtauPower.ts";
import { terminateCurve } from "./terminateCurve.ts";
import { verifyContributionAttestations } from "./verifyContributionAttestations.ts";

export type SetupCircuitParameters = {
  circuit: CompiledCircuit;
  /** A prepared ptau from a public ceremony; defaults to the committed development ceremony. */
  ptau?: string;
  /** The sha256 that `ptau` must have (see `checkPtau`). */
  ptauSha256?: string;
  /** Redo phase 2 even when the cache holds a key made from the same ptau. */
  force?: boolean;
  /**
   * Who makes the phase-2 contribution (the model's publisher): it is named `convergence:<address>` and its hash is
   * signed by this account (`attestations` in setup.json). A cached key this account has not attested is made
   * again. Without it, the key carries an unsigned contribution and no attestations.
   */
  contributor?: LocalAccount;
  onProgress?: OnProgress;
};
export type SetupRecord = {
  circuit: string;
  key: string;
  ptau: { path: string; sha256: string; power: number; development: boolean };
  contributions: number;
  /** Signed contributions (`verifyContributionAttestations` checks them); [] in records written before they existed. */
  attestations: ContributionAttestation[];
  /** True for a model's published key installed by `setupModel`: setup never replaces it. */
  published?: boolean;
  beaconHash: string;
  createdAt: string;
  seconds: number;
};
export type SetupCircuitReturnType = {
  zkey: string;
  verificationKey: VerificationKey;
  verificationKeyPath: string;
  record: SetupRecord;
  /** True when the cache already held this setup. */
  cached: boolean;
};

/**
 * Groth16 setup of a compiled circuit: phase 1 from a checked prepared ptau, phase 2 with one
 * random contribution (signed by `contributor` when given) and a random beacon. Writes `circuit_final.zkey`, `verification_key.json` and
 * `setup.json` into the circuit's cache directory, once per circuit and ptau: retrained weights of
 * the same shape reuse it. Refuses the result if it carries no contribution. A model's published key installed
 * by `setupModel` is reused as is and never replaced.
 *
 * @example
 * const setup = await setupCircuit({ circuit: await compileCircuit({ shape }) });
 */
export async function setupCircuit({
  circuit,
  ptau,
  ptauSha256,
  force = false,
  contributor,
  onProgress,
}: SetupCircuitParameters): Promise<SetupCircuitReturnType> {
  const report = createProgress(onProgress);
  const zkeyPath = join(circuit.dir, "circuit_final.zkey");
  const vkeyPath = join(circuit.dir, "verification_key.json");
  const recordPath = join(circuit.dir, "setup.json");

  report(`${circuit.name}: checking the powers of tau`);
  const phase1 = await checkPtau({ ptau, expectedSha256: ptauSha256 });
  // One setup per circuit at a time across processes: a second one would replace the key under the first.
  return withFileLock({
    path: join(circuit.dir, "setup.lock"),
    onWait: () => report(`${circuit.name}: waiting for another process setting up the same circuit`),
    run: async () => {
      if (existsSync(recordPath) && existsSync(zkeyPath) && existsSync(vkeyPath)) {
        const record = await readSetupRecord({ path: recordPath });
        const cached = async () => {
          await assertZkeyContributed({ path: zkeyPath });
          report(`${circuit.name}: setup cached in ${circuit.dir}${record.published ? " (the published key)" : ""}`);
          const verificationKey = JSON.parse(await readFile(vkeyPath, "utf8")) as VerificationKey;
          return { zkey: zkeyPath, verificationKey, verificationKeyPath: vkeyPath, record, cached: true };
        };
        if (record.published) {
          if (force)
            throw new PublishedKeyInstalledError({
              circuit: circuit.name,
              dir: circuit.dir,
              reason: "force asks for a new phase 2",
            });
          if (record.ptau.sha256 !== phase1.sha256) {
            throw new PublishedKeyInstalledError({
              circuit: circuit.name,
              dir: circuit.dir,
              reason: `it was made from ptau ${record.ptau.sha256}, not ${phase1.sha256}`,
            });
          }
          return cached();
        }
        if (!force && record.ptau.sha256 === phase1.sha256) {
          if (contributor === undefined) return cached();
          const attested = await verifyContributionAttestations({
            zkey: zkeyPath,
            attestations: record.attestations,
            circuitKey: circuit.key,
          });
          if (attested.some((address) => address.toLowerCase() === contributor.address.toLowerCase())) return cached();
          report(`${circuit.name}: the cached key has no contribution signed by ${contributor.address}: new phase 2`);
        }
      }
      const required = requiredPtauPower({ constraints: circuit.constraints, publicSignals: circuit.publicSignals });
      if (phase1.power < required) {
        throw new PtauTooSmallError({
          path: phase1.path,
          power: phase1.power,
          required,
          constraints: circuit.constraints,
        });
      }
      report(
        `${circuit.name}: phase 1 ${phase1.development ? "development ceremony" : phase1.path} (2^${phase1.power}), sha256 ${phase1.sha256.slice(0, 16)}...`,
      );

      const started = performance.now();
      const logger: SnarkjsLogger = {
        debug: () => {},
        info: () => {},
        warn: (message) => report(`warning: ${message}`),
        error: (message) => report(`error: ${message}`),
      };
      const step = (n: number) => join(circuit.dir, `setup-${process.pid}-${n}.zkey`);
      const beaconHash = randomBytes(32).toString("hex");
      try {
        report(`${circuit.name}: phase 2: new key from r1cs (${circuit.constraints} constraints)`);
        await zKey.newZKey(circuit.r1cs, phase1.path, step(0), logger);
        report(
          `${circuit.name}: phase 2: contribution${contributor ? ` by ${contributor.address}` : ""} with 64 random bytes of entropy`,
        );
        await zKey.contribute(
          step(0),
          step(1),
          contributor ? `convergence:${contributor.address}` : "Convergence phase-2 contribution",
          randomBytes(64).toString("hex"),
          logger,
        );
        const attestations =
          contributor === undefined
            ? []
            : [await attestContribution({ zkey: step(1), index: 1, circuitKey: circuit.key, account: contributor })];
        report(
          `${circuit.name}: phase 2: beacon ${beaconHash.slice(0, 16)}..., 2^${PHASE2_BEACON_ITERATIONS_EXP} iterations`,
        );
        const beacon = await zKey.beacon(
          step(1),
          step(2),
          "Convergence phase-2 beacon",
          beaconHash,
          PHASE2_BEACON_ITERATIONS_EXP,
          logger,
        );
        if (beacon === false) throw new Error("snarkjs refused the phase-2 beacon");
        const { contributions } = await assertZkeyContributed({ path: step(2) });
        report(`${circuit.name}: exporting the verification key`);
        const verificationKey = await zKey.exportVerificationKey(step(2), logger);
        await rename(step(2), zkeyPath);
        await writeFile(vkeyPath, `${JSON.stringify(verificationKey, null, 2)}\n`);
        const record: SetupRecord = {
          circuit: circuit.name,
          key: circuit.key,
          ptau: phase1,
          contributions,
          attestations,
          beaconHash,
          createdAt: new Date().toISOString(),
          seconds: Math.round((performance.now() - started) / 100) / 10,
        };
        await writeFile(recordPath, `${JSON.stringify(record, null, 2)}\n`);
        report(`${circuit.name}: setup done in ${record.seconds}s (${contributions} contributions), in ${circuit.dir}`);
        return { zkey: zkeyPath, verificationKey, verificationKeyPath: vkeyPath, record, cached: false };
      } finally {
        await Promise.all([0, 1, 2].map((n) => rm(step(n), { force: true })));
        await terminateCurve();
      }
    },
  });
}
