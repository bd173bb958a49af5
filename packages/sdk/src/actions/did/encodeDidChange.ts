import { type Hex, isHex, size, stringToHex, toHex } from "viem";
import { InvalidParameterError } from "../../errors/input.ts";
import type { DidChange } from "./types.ts";

/** A 32-byte ERC-1056 name (delegate type or attribute name) from a string. */
function bytes32({ parameter, text }: { parameter: string; text: string }): Hex {
  if (text.length === 0 || size(stringToHex(text)) > 32) {
    throw new InvalidParameterError({ parameter, value: text, expected: "a non-empty name of at most 32 bytes" });
  }
  return stringToHex(text, { size: 32 });
}

const bytes = (value: Hex | string): Hex => (isHex(value) ? value : toHex(value));

/**
 * The function arguments (after `identity`) of a DID change, and their packed types for the ERC-1056
 * signed message.
 */
export function encodeDidChange({ change }: { change: DidChange }): {
  args: readonly unknown[];
  packedTypes: string[];
} {
  switch (change.type) {
    case "changeOwner":
      return { args: [change.newOwner], packedTypes: ["address"] };
    case "addDelegate":
      return {
        args: [bytes32({ parameter: "delegateType", text: change.delegateType }), change.delegate, change.validity],
        packedTypes: ["bytes32", "address", "uint256"],
      };
    case "revokeDelegate":
      return {
        args: [bytes32({ parameter: "delegateType", text: change.delegateType }), change.delegate],
        packedTypes: ["bytes32", "address"],
      };
    case "setAttribute":
      return {
        args: [bytes32({ parameter: "name", text: change.name }), bytes(change.value), change.validity],
        packedTypes: ["bytes32", "bytes", "uint256"],
      };
    case "revokeAttribute":
      return {
        args: [bytes32({ parameter: "name", text: change.name }), bytes(change.value)],
        packedTypes: ["bytes32", "bytes"],
      };
  }
}
