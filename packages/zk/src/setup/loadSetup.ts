import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { VerificationKey } from "snarkjs";
import type { CompiledCircuit } from "../circuit/compileCircuit.ts";
import { SetupMissingError } from "../errors/setup.ts";
import { readSetupRecord } from "./readSetupRecord.ts";
import type { SetupCircuitReturnType } from "./setupCircuit.ts";

/**
 * The cached setup of a compiled circuit (proving key, verification key, record), without redoing
 * any of it. Throws `SetupMissingError` when `setupCircuit` has not run for this circuit.
 *
 * @example
 * const { verificationKey } = await loadSetup({ circuit });
 */
export async function loadSetup({ circuit }: { circuit: CompiledCircuit }): Promise<SetupCircuitReturnType> {
  const zkey = join(circuit.dir, "circuit_final.zkey");
  const verificationKeyPath = join(circuit.dir, "verification_key.json");
  const recordPath = join(circuit.dir, "setup.json");
  if (![zkey, verificationKeyPath, recordPath].every((path) => existsSync(path))) {
    throw new SetupMissingError({ circuit: circuit.name, dir: circuit.dir });
  }
  const verificationKey = JSON.parse(await readFile(verificationKeyPath, "utf8")) as VerificationKey;
  const record = await readSetupRecord({ path: recordPath });
  return { zkey, verificationKey, verificationKeyPath, record, cached: true };
}
