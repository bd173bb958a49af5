import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { VerificationKey } from "snarkjs";
import type { Hex } from "viem";
import { InvalidVerificationKeyError } from "../errors/verifier.ts";
import { compileVerifier } from "./compileVerifier.ts";
import { hashVerificationKey } from "./hashVerificationKey.ts";
import { stripCodeMetadata } from "./stripCodeMetadata.ts";

const require = createRequire(import.meta.url);

export type VerifierRuntimeCodeParameters = {
  /** A Groth16 verification key (snarkjs JSON: verification_key.json, or a published release's key). */
  verificationKey: VerificationKey;
};
/** The verifier's runtime code, CBOR metadata stripped (`stripCodeMetadata`), lowercase. */
export type VerifierRuntimeCodeReturnType = Hex;

const memo = new Map<Hex, Promise<Hex>>();

/**
 * The runtime code of the Groth16 verifier of a key, without its metadata trailer: snarkjs' own Solidity template
 * rendered from the key alone (no proving key needed; `zKey.exportSolidityVerifier` renders the same template with
 * the same ejs from the key it reads out of a zkey), compiled with `compileVerifier`. A requester compares it with
 * `stripCodeMetadata(eth_getCode(verifier))` to know that a registration's verifier implements the key it pinned
 * (issue #14, Build 2). Memoized per key hash: compiling takes a few seconds.
 *
 * @example
 * const expected = await verifierRuntimeCode({ verificationKey: pin.verificationKey });
 */
export function verifierRuntimeCode({ verificationKey }: VerifierRuntimeCodeParameters): Promise<Hex> {
  checkVerificationKey(verificationKey);
  const key = hashVerificationKey(verificationKey);
  let code = memo.get(key);
  if (code === undefined) {
    code = (async () => {
      const source = await renderGroth16Verifier(verificationKey);
      const { deployedBytecode } = compileVerifier({ source, contractName: "Groth16Verifier" });
      return stripCodeMetadata(deployedBytecode);
    })();
    memo.set(key, code);
    // A failure is not remembered: the next call tries again.
    code.catch(() => memo.delete(key));
  }
  return code;
}

/** snarkjs' groth16 template rendered with the ejs snarkjs itself renders it with (resolved from snarkjs, not a copy). */
async function renderGroth16Verifier(verificationKey: VerificationKey): Promise<string> {
  const snarkjsEntry = require.resolve("snarkjs");
  const snarkjsDir = dirname(dirname(snarkjsEntry));
  const template = await readFile(join(snarkjsDir, "templates", "verifier_groth16.sol.ejs"), "utf8");
  const ejs = createRequire(snarkjsEntry)("ejs") as { render(template: string, data: object): string };
  return ejs.render(template, verificationKey);
}

const isDecimal = (value: unknown) => typeof value === "string" && /^\d{1,78}$/.test(value);
const isPoint = (value: unknown, length: number) =>
  Array.isArray(value) && value.length >= length && value.slice(0, length).every(isDecimal);
const isG2 = (value: unknown) =>
  Array.isArray(value) && value.length >= 2 && value.slice(0, 2).every((pair) => isPoint(pair, 2));

/** The template writes the key's numbers into Solidity as they are: only decimal strings may reach it. */
function checkVerificationKey(vk: VerificationKey): void {
  const problem = (field: string, expected: string) => new InvalidVerificationKeyError({ field, expected });
  if (typeof vk !== "object" || vk === null) throw problem("verificationKey", "a snarkjs verification key object");
  if (vk.protocol !== "groth16") throw problem("protocol", '"groth16"');
  if (vk.curve !== "bn128") throw problem("curve", '"bn128"');
  if (!Number.isSafeInteger(vk.nPublic) || vk.nPublic < 0) throw problem("nPublic", "a whole number");
  if (!isPoint(vk.vk_alpha_1, 2)) throw problem("vk_alpha_1", "a G1 point of decimal strings");
  for (const field of ["vk_beta_2", "vk_gamma_2", "vk_delta_2"] as const) {
    if (!isG2(vk[field])) throw problem(field, "a G2 point of decimal strings");
  }
  if (!Array.isArray(vk.IC) || vk.IC.length !== vk.nPublic + 1 || !vk.IC.every((point) => isPoint(point, 2))) {
    throw problem("IC", `nPublic + 1 (${vk.nPublic + 1}) G1 points of decimal strings`);
  }
}
