import {
  type Abi,
  ContractFunctionRevertedError,
  type Hash,
  type TransactionReceipt,
  BaseError as ViemBaseError,
} from "viem";
import type { WriteClient } from "../client/types.ts";
import { ContractRevertError, TransactionFailedError } from "../errors/contract.ts";
import { stackErrors } from "./stackErrors.ts";

export type WriteContractAndWaitParameters = {
  client: WriteClient;
  /** For messages: the contract's name. */
  contract: string;
  address: `0x${string}`;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
  value?: bigint;
};

export type WriteContractAndWaitReturnType = { hash: Hash; receipt: TransactionReceipt; result: unknown };

/**
 * Simulates a call (so a revert is reported with its custom error before anything is sent), sends it,
 * and waits for a successful receipt.
 */
export async function writeContractAndWait(
  parameters: WriteContractAndWaitParameters,
): Promise<WriteContractAndWaitReturnType> {
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
    throw toRevertError({ error, contract, functionName });
  }
  const hash = await client.writeContract(request as never);
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new TransactionFailedError({ hash, functionName });
  return { hash, receipt, result };
}

function toRevertError({ error, contract, functionName }: { error: unknown; contract: string; functionName: string }) {
  if (error instanceof ViemBaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      return new ContractRevertError({
        contract,
        functionName,
        errorName: revert.data?.errorName,
        args: revert.data?.args,
        reason: revert.reason ?? revert.shortMessage,
        cause: error,
      });
    }
    return new ContractRevertError({ contract, functionName, reason: error.shortMessage, cause: error });
  }
  return error;
}
