import { type Abi, type Hash, BaseError as ViemBaseError } from "viem";
import type { WriteClient } from "../client/types.ts";
import { ContractRevertError } from "../errors/contract.ts";
import { decodeRevert } from "../utils/decodeRevert.ts";
import { stackErrors } from "./stackErrors.ts";

export type SimulateAndSendParameters = {
  client: WriteClient;
  /** For messages: the contract's name. */
  contract: string;
  address: `0x${string}`;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
  value?: bigint;
};

export type SimulateAndSendReturnType = { hash: Hash; result: unknown };

/**
 * Simulates a call, so that a revert is reported as a ContractRevertError naming its custom error before anything is
 * sent, then sends it and returns the hash without waiting for a receipt (callers that record a transaction before
 * waiting for it, like the worker's fulfil, need the hash first).
 *
 * @example
 * const { hash } = await simulateAndSend({ client, contract: "InferenceEscrow", address, abi, functionName, args });
 */
export async function simulateAndSend(parameters: SimulateAndSendParameters): Promise<SimulateAndSendReturnType> {
  const { client, contract, address, abi, functionName, args = [], value } = parameters;
  let request: unknown;
  let result: unknown;
  try {
    ({ request, result } = await client.simulateContract({
      address,
      abi: [
        ...abi,
        ...stackErrors.filter((error) => !abi.some((item) => item.type === "error" && item.name === error.name)),
      ],
      functionName,
      args,
      account: client.account,
      ...(value === undefined ? {} : { value }),
    } as never));
  } catch (error) {
    if (!(error instanceof ViemBaseError)) throw error;
    const { errorName, args: errorArgs, reason } = decodeRevert(error);
    throw new ContractRevertError({ contract, functionName, errorName, args: errorArgs, reason, cause: error });
  }
  const hash = await client.writeContract(request as never);
  return { hash, result };
}
