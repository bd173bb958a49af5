import type { VerificationKey } from "@convergence/zk";
import type { Address, Hash, Hex } from "viem";

/**
 * InferenceEscrow.JobStatus by name, indexed by the contract's enum value (IInferenceEscrow.sol: None, Open,
 * Fulfilled, Refunded): the one table that turns the escrow's number into a name.
 */
export const JOB_STATUSES = ["none", "open", "fulfilled", "refunded"] as const;

/** A job's status; "none": the escrow has no job with this id. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A job as the escrow holds it. With status "none" (no such job) every other field is zero. */
export type Job = {
  jobId: bigint;
  requester: Address;
  modelId: bigint;
  inputCommitment: bigint;
  /** Token base units (USDC: 6 decimals). */
  amount: bigint;
  /** Unix seconds; the job can be fulfilled until then and refunded after. */
  deadline: bigint;
  /**
   * While open: the agent it is reserved for (0n: any), alone until `exclusiveUntil`. Once fulfilled: the agent that
   * did.
   */
  workerAgentId: bigint;
  /**
   * Unix seconds (inclusive) until which only `workerAgentId` may fulfil the job; after it, any registered agent may,
   * until `deadline`. 0n for a job opened for any agent; equal to `deadline` when reserved for its whole life.
   */
  exclusiveUntil: bigint;
  status: JobStatus;
};

/** A job as its JobOpened event announced it, and where: `workerAgentId` is the agent reserved (0n: any). */
export type OpenedJob = Omit<Job, "status"> & { blockNumber: bigint; transactionHash: Hash };

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

/**
 * What a requester trusts a model to be, from a source it trusts (a published release, or its own setup), never from
 * a worker: checkModelPin holds a registration against it before anything is paid.
 */
export type ModelPin = {
  /** The weight commitment (Poseidon) from the model's manifest or the requester's own setup. */
  commitment: bigint;
  /** The Groth16 verification key (snarkjs JSON) from a published release or the requester's own setup. */
  verificationKey: VerificationKey;
  /** Addresses whose signed phase-2 contributions are in the proving key behind verificationKey (modelPinFromSetup). */
  contributors: readonly Address[];
};

/**
 * Which setups a requester accepts: "attributed" (the default) needs at least one signed phase-2 contributor other
 * than the worker; "any" waives that (unsafe: whoever ran the setup alone may forge proofs).
 */
export type TrustSetup = "attributed" | "any";
