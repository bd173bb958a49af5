import type { Job } from "@convergence/sdk";
import type { Groth16Calldata } from "@convergence/zk";
import type { Address, Hex } from "viem";

/** The escrow's record of a job (the SDK's getJob: status "none" for an unknown id) and the chain's time then. */
export type JobReading = {
  job: Job;
  /**
   * The latest block's timestamp, unix seconds: what fulfil is simulated against (a window or deadline has passed once a
   * block past it exists).
   */
  chainTime: bigint;
};

/** The chain as the job processor sees it: the escrow, this worker's identity, and sending fulfil. */
export type ChainGateway = {
  chainId: number;
  escrow: Address;
  /** The agent wallet that sends fulfil and is paid; the binding names it. */
  workerAddress: Address;
  agentId: bigint;
  /** The escrow's record of a job now, with the chain's time. */
  readJob(jobId: bigint): Promise<JobReading>;
  /**
   * Sends InferenceEscrow.fulfill from the agent wallet (simulated first; a revert throws JobFailedError
   * FULFILL_REVERTED naming it); resolves with the transaction hash.
   */
  sendFulfill(parameters: { jobId: bigint; calldata: Groth16Calldata }): Promise<Hex>;
  /** Waits for a transaction's receipt. */
  waitForReceipt(hash: Hex): Promise<{ status: "success" | "reverted"; blockNumber: bigint }>;
};
