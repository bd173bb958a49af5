import type { Hex } from "viem";

/**
 * Runtime code without solc's CBOR metadata trailer (a CBOR map whose byte length is the code's last two bytes): the
 * metadata hashes the source and the contract's name, which differ between two exports of the same key
 * (`RiskV1Verifier`, `MyModelVerifier`), while the code that runs is the same. Code without a trailer comes back as is,
 * lowercased.
 *
 * A local copy until `stripCodeMetadata` in @convergence/zk (issue #14, the requester's pin check) lands in main: then
 * this file goes and the worker imports that one (same name and signature, the spec's, hence the positional argument).
 *
 * @example
 * stripCodeMetadata(await client.getCode({ address: verifier })) === stripCodeMetadata(deployedBytecode)
 */
export function stripCodeMetadata(code: Hex): Hex {
  const hex = code.toLowerCase().slice(2);
  if (hex.length < 4) return `0x${hex}`;
  const trailer = (Number.parseInt(hex.slice(-4), 16) + 2) * 2;
  // The trailer is a CBOR map (0xa1..0xa8 for up to eight entries: ipfs, bzzr, experimental, solc).
  const map = Number.parseInt(hex.slice(-trailer, -trailer + 2), 16);
  if (trailer >= hex.length || map < 0xa1 || map > 0xa8) return `0x${hex}`;
  return `0x${hex.slice(0, -trailer)}`;
}
