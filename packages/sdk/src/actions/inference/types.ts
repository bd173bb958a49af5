import type { Address, Hex } from "viem";

/** InferenceEscrow.JobStatus, by name. */
export type JobStatus = "open" | "fulfilled" | "refunded";

/** A job as the escrow holds it. */
export type Job = {
  jobId: bigint;
  requester: Address;
  modelId: bigint;
  inputCommitment: bigint;
  /** Token base units (USDC: 6 decimals). */
  amount: bigint;
  /** Unix seconds; the job can be fulfilled until then and refunded after. */
  deadline: bigint;
  /** While open: the only agent allowed to fulfil it (0n: any). Once fulfilled: the agent that did. */
  workerAgentId: bigint;
  status: JobStatus;
};

/** A verified inference, as the InferenceAttestor recorded it. */
export type Attestation = {
  jobId: bigint;
  modelId: bigint;
  inputCommitment: bigint;
  /** The model's outputs, signed (fixed-point integers, as the circuit computes them). */
  outputs: bigint[];
  /** The agent wallet that proved and was paid. */
  worker: Address;
  /** Unix seconds. */
  timestamp: bigint;
  /** The ERC-8004 validation request the attestor answered with 100 (see getValidation). */
  validationRequestHash: Hex;
};

/** A registered model. */
export type Model = {
  modelId: bigint;
  commitment: bigint;
  verifier: Address;
  numOutputs: number;
  active: boolean;
  owner: Address;
  circuitId: Hex;
  vkeyHash: Hex;
  onnxHash: Hex;
  uri: string;
};

/** A number as snarkjs prints it (decimal or 0x-hex string) or as a bigint. */
export type Numeric = bigint | string | number;
