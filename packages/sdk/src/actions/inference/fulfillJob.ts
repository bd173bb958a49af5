import { inferenceAttestorAbi } from "@convergence/contracts";
import { type Hash, type Hex, parseEventLogs, type TransactionReceipt } from "viem";
import { TransactionFailedError } from "../../errors/contract.ts";
import { type SendFulfillJobParameters, sendFulfillJob } from "./sendFulfillJob.ts";

export type FulfillJobParameters = SendFulfillJobParameters;

export type FulfillJobReturnType = {
  /** The attested outputs, signed. */
  outputs: bigint[];
  /** The ERC-8004 validation request the attestor answered with 100. */
  validationRequestHash: Hex;
  hash: Hash;
  receipt: TransactionReceipt;
};

/**
 * Submits a worker's proof for a job: the attestor verifies it on-chain, records the attestation and answers its
 * ERC-8004 validation, and the escrow pays the worker. The call is simulated first, so a proof that would not be
 * accepted is reported with the contract's reason (e.g. InferenceAttestorBindingMismatch) and costs no gas.
 *
 * @example
 * const binding = computeBinding({ chainId, escrow, jobId, worker: client.account.address });
 * const { calldata } = await prove({ model, input, salt, binding });
 * const { outputs } = await fulfillJob({ client, escrow, jobId, workerAgentId, calldata });
 */
export async function fulfillJob(parameters: FulfillJobParameters): Promise<FulfillJobReturnType> {
  const { hash } = await sendFulfillJob(parameters);
  const receipt = await parameters.client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new TransactionFailedError({ hash, functionName: "fulfill" });
  const [attested] = parseEventLogs({ abi: inferenceAttestorAbi, eventName: "InferenceAttested", logs: receipt.logs });
  if (!attested) throw new Error("unreachable: fulfill succeeded without an InferenceAttested event");
  return {
    outputs: [...attested.args.outputs],
    validationRequestHash: attested.args.validationRequestHash,
    hash,
    receipt,
  };
}
