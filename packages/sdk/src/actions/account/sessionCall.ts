import { type Abi, type Address, getAbiItem, toFunctionSelector } from "viem";
import { InvalidParameterError } from "../../errors/input.ts";
import type { SessionCallPermission } from "./sessionPolicy.ts";

export type SessionCallParameters = { target: Address; abi: Abi; functionName: string };

/**
 * A session policy's call permission for `functionName` of the contract at `target`, its selector taken from the ABI
 * (the first overload when there are several).
 *
 * @example
 * sessionCall({ target: contracts.Pool, abi: poolAbi, functionName: "swapExactIn" });
 */
export function sessionCall({ target, abi, functionName }: SessionCallParameters): SessionCallPermission {
  const item = getAbiItem({ abi, name: functionName } as never) as Abi[number] | undefined;
  if (item?.type !== "function") {
    throw new InvalidParameterError({
      parameter: "functionName",
      value: functionName,
      expected: "a function of the ABI",
    });
  }
  return { target, selector: toFunctionSelector(item) };
}
