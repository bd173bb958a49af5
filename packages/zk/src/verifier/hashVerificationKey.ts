import type { VerificationKey } from "snarkjs";
import { type Hex, sha256, stringToBytes } from "viem";

/**
 * The hash a Groth16 verification key is registered under (ModelRegistry `vkeyHash`): `0x` + sha256 of
 * `JSON.stringify(vk, null, 2) + "\n"`, exactly the bytes `setupCircuit` writes to verification_key.json, so the hash of
 * a key read back from that file equals the hash of the file. A requester hashes the key it pinned the same way, and so
 * does the dashboard in the browser (viem's sha256, no `node:crypto`), before it verifies a proof with the key.
 *
 * @example
 * const vkeyHash = hashVerificationKey(setup.verificationKey);
 */
export function hashVerificationKey(verificationKey: VerificationKey): Hex {
  return sha256(stringToBytes(`${JSON.stringify(verificationKey, null, 2)}\n`));
}
