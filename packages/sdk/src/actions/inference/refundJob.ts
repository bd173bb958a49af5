import { inferenceEscrowAbi } from "@convergence/contracts";
import { type Abi, type Address, type Hash, parseEventLogs, type TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";

export type RefundJobParameters = { client: WriteClient; escrow: Address; jobId: bigint };
export type RefundJobReturnType = {
  /** Who got the payment back: the job's requester, whoever sends the refund. */
  requester: Address;
  amount: bigint;
  hash: Hash;
  receipt: TransactionReceipt;
};

/**
 * Returns the payment of an expired, unfulfilled job to its requester. Anyone may send it once the deadline has
 * passed; before, it reverts with InferenceEscrowJobNotExpired.
 *
 * @example
 * const { amount } = await refundJob({ client, escrow, jobId });
 */
export async function refundJob({ client, escrow, jobId }: RefundJobParameters): Promise<RefundJobReturnType> {
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: "InferenceEscrow",
    address: escrow,
    abi: inferenceEscrowAbi as Abi,
    functionName: "refund",
    args: [jobId],
  });
  const [refunded] = parseEventLogs({ abi: inferenceEscrowAbi, eventName: "JobRefunded", logs: receipt.logs });
  if (!refunded) throw new Error("unreachable: refund succeeded without a JobRefunded event");
  return { requester: refunded.args.requester, amount: refunded.args.amount, hash, receipt };
}
