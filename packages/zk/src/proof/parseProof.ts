import type { Groth16Proof } from "snarkjs";
import { MalformedProofError } from "../errors/proof.ts";
import { FIELD_MODULUS } from "../fixedPoint/constants.ts";

export type ParseProofParameters = {
  /** A Groth16 proof object as snarkjs writes it (or any JSON to validate). */
  proof: unknown;
  publicSignals: unknown;
};
export type ParseProofReturnType = { proof: Groth16Proof; publicSignals: string[] };

const BASE_FIELD = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;

function coordinate(value: unknown, where: string): string {
  if (typeof value !== "string" || !/^[0-9]+$/.test(value)) {
    throw new MalformedProofError({ reason: `${where} is ${JSON.stringify(value)}, expected a decimal string` });
  }
  if (BigInt(value) >= BASE_FIELD)
    throw new MalformedProofError({ reason: `${where} is not below the base field modulus` });
  return value;
}

function point(value: unknown, where: string, size: 3): string[];
function point(value: unknown, where: string, size: 2): string[];
function point(value: unknown, where: string, size: number): string[] {
  if (!Array.isArray(value) || value.length !== size) {
    throw new MalformedProofError({ reason: `${where} must be an array of ${size} coordinates` });
  }
  return value.map((entry, i) => coordinate(entry, `${where}[${i}]`));
}

/**
 * Validates an untrusted Groth16 proof and its public signals (shapes, decimal strings, field
 * ranges, bn128) before they reach snarkjs, with the reason when they are malformed.
 *
 * @example
 * const { proof, publicSignals } = parseProof(JSON.parse(await readFile("proof.json", "utf8")));
 */
export function parseProof({ proof, publicSignals }: ParseProofParameters): ParseProofReturnType {
  if (typeof proof !== "object" || proof === null)
    throw new MalformedProofError({ reason: "proof is missing or not an object" });
  const raw = proof as Record<string, unknown>;
  if (raw["protocol"] !== undefined && raw["protocol"] !== "groth16") {
    throw new MalformedProofError({ reason: `protocol is ${JSON.stringify(raw["protocol"])}, expected "groth16"` });
  }
  if (raw["curve"] !== undefined && raw["curve"] !== "bn128") {
    throw new MalformedProofError({ reason: `curve is ${JSON.stringify(raw["curve"])}, expected "bn128"` });
  }
  const piB = raw["pi_b"];
  if (!Array.isArray(piB) || piB.length !== 3)
    throw new MalformedProofError({ reason: "pi_b must be an array of 3 pairs" });
  const parsed: Groth16Proof = {
    pi_a: point(raw["pi_a"], "pi_a", 3),
    pi_b: piB.map((pair, i) => point(pair, `pi_b[${i}]`, 2)),
    pi_c: point(raw["pi_c"], "pi_c", 3),
    protocol: "groth16",
    curve: "bn128",
  };
  if (!Array.isArray(publicSignals) || publicSignals.length === 0) {
    throw new MalformedProofError({ reason: "publicSignals must be a non-empty array" });
  }
  const signals = publicSignals.map((signal, i) => {
    if (typeof signal !== "string" || !/^[0-9]+$/.test(signal)) {
      throw new MalformedProofError({
        reason: `publicSignals[${i}] is ${JSON.stringify(signal)}, expected a decimal string`,
      });
    }
    if (BigInt(signal) >= FIELD_MODULUS) {
      throw new MalformedProofError({ reason: `publicSignals[${i}] is not below the scalar field modulus` });
    }
    return signal;
  });
  return { proof: parsed, publicSignals: signals };
}
