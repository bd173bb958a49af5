import type { Hex } from "viem";
import { InvalidCodeError } from "../errors/verifier.ts";

/**
 * Contract code without solc's CBOR metadata trailer (its length is the code's last two bytes, and it is a CBOR map):
 * the metadata hashes the source file and contract names, which differ between two exports of the same key
 * (`MyModelVerifier`, `Groth16Verifier`), while the code before it is the same. Code without a trailer comes back as
 * it is; the result is lowercase.
 *
 * @example
 * stripCodeMetadata(await client.getCode({ address: model.verifier })) === await verifierRuntimeCode({ verificationKey })
 */
export function stripCodeMetadata(code: Hex): Hex {
  if (typeof code !== "string" || !/^0x([0-9a-fA-F]{2})*$/.test(code)) {
    throw new InvalidCodeError({ code: String(code) });
  }
  const hex = code.toLowerCase().slice(2);
  if (hex.length < 4) return `0x${hex}`;
  const trailer = (Number.parseInt(hex.slice(-4), 16) + 2) * 2;
  // A CBOR map (major type 5: 0xa0-0xbf) opens solc's trailer; anything else is not one.
  const opening = Number.parseInt(hex.slice(hex.length - trailer, hex.length - trailer + 2), 16);
  if (trailer >= hex.length || opening < 0xa0 || opening > 0xbf) return `0x${hex}`;
  return `0x${hex.slice(0, -trailer)}`;
}
