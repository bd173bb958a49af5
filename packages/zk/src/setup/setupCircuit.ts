import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type SnarkjsLogger, type VerificationKey, zKey } from "snarkjs";
import type { CompiledCircuit } from "../circuit/compileCircuit.ts";
import { PtauTooSmallError } from "../errors/setup.ts";
import { withFileLock } from "../files/withFileLock.ts";
import { assertZkeyContributed } from "./assertZkeyContributed.ts";
import { checkPtau } from "./checkPtau.ts";
import { PHASE2_BEACON_ITERATIONS_EXP } from "./constants.ts";
import { createProgress, type OnProgress } from "./createProgress.ts";
import { requiredPtauPower } from "./requiredPtauPower.ts";
import { terminateCurve } from "./terminateCurve.ts";

export type SetupCircuitParameters = {
  circuit: CompiledCircuit;
  /** A prepared ptau from a public ceremony; defaults to the committed development ceremony. */
  ptau?: string;
  /** The sha256 that `ptau` must have (see `checkPtau`). */
  ptauSha256?: string;
  /** Redo phase 2 even when the cache holds a key made from the same ptau. */
  force?: boolean;
  onProgress?: OnProgress;
};
export type SetupRecord = {
  circuit: string;
  key: string;
  ptau: { path: string; sha256: string; power: number; development: boolean };
  contributions: number;
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
 * random contribution and a random beacon. Writes `circuit_final.zkey`, `verification_key.json` and
 * `setup.json` into the circuit's cache directory, once per circuit and ptau: retrained weights of
 * the same shape reuse it. Refuses the result if it carries no contribution.
 *
 * @example
 * const setup = await setupCircuit({ circuit: await compileCircuit({ shape }) });
 */
export async function setupCircuit({
  circuit,
  ptau,
  ptauSha256,
  force = false,
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
      if (!force && existsSync(recordPath) && existsSync(zkeyPath) && existsSync(vkeyPath)) {
        const record = JSON.parse(await readFile(recordPath, "utf8")) as SetupRecord;
        if (record.ptau.sha256 === phase1.sha256) {
          await assertZkeyContributed({ path: zkeyPath });
          report(`${circuit.name}: setup cached in ${circuit.dir}`);
          const verificationKey = JSON.parse(await readFile(vkeyPath, "utf8")) as VerificationKey;
          return { zkey: zkeyPath, verificationKey, verificationKeyPath: vkeyPath, record, cached: true };
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
        report(`${circuit.name}: phase 2: contribution with 64 random bytes of entropy`);
        await zKey.contribute(
          step(0),
          step(1),
          "Convergence phase-2 contribution",
          randomBytes(64).toString("hex"),
          logger,
        );
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
