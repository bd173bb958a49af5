import type { Hash, TransactionReceipt } from "viem";
import { TransactionFailedError } from "../errors/contract.ts";
import { type SimulateAndSendParameters, simulateAndSend } from "./simulateAndSend.ts";

export type WriteContractAndWaitParameters = SimulateAndSendParameters;

export type WriteContractAndWaitReturnType = { hash: Hash; receipt: TransactionReceipt; result: unknown };

/**
 * Simulates a call (so a revert is reported with its custom error before anything is sent), sends it,
 * and waits for a successful receipt.
 */
export async function writeContractAndWait(
  parameters: WriteContractAndWaitParameters,
): Promise<WriteContractAndWaitReturnType> {
  const { hash, result } = await simulateAndSend(parameters);
  const receipt = await parameters.client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new TransactionFailedError({ hash, functionName: parameters.functionName });
  return { hash, receipt, result };
}
