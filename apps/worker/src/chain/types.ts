import type { Address, Hex } from "viem";
import type { OpenedJob } from "../store/types.ts";

/** InferenceEscrow.JobStatus. */
export type OnChainStatus = "none" | "open" | "fulfilled" | "refunded";

/** A job as the escrow holds it now, with the chain's time. */
export type OnChainJob = {
  job: OpenedJob;
  status: OnChainStatus;
  /** While open: the only agent allowed (0n: any). Once fulfilled: the agent that did. */
  workerAgentId: bigint;
  /** The latest block's timestamp, unix seconds. */
  chainTime: bigint;
};

/** The snarkjs Groth16 calldata, as the escrow's `fulfill` takes it. */
export type FulfillCalldata = {
  a: readonly [bigint, bigint];
  b: readonly [readonly [bigint, bigint], readonly [bigint, bigint]];
  c: readonly [bigint, bigint];
  signals: readonly bigint[];
};

/** The chain as the job processor sees it: the escrow, this worker's identity, and sending fulfil. */
export type ChainGateway = {
  chainId: number;
  escrow: Address;
  /** The agent wallet that sends fulfil and is paid; the binding names it. */
  workerAddress: Address;
  agentId: bigint;
  /** The escrow's record of a job, or undefined if no job has this id. */
  readJob(jobId: bigint): Promise<OnChainJob | undefined>;
  /** Sends InferenceEscrow.fulfill from the agent wallet (simulated first); resolves with the transaction hash. */
  sendFulfill(parameters: { jobId: bigint; calldata: FulfillCalldata }): Promise<Hex>;
  /** Waits for a transaction's receipt. */
  waitForReceipt(hash: Hex): Promise<{ status: "success" | "reverted"; blockNumber: bigint }>;
};
