import type { WorkerJobState } from "@convergence/sdk";
import type { Address, Hex } from "viem";

/**
 * Where a job stands in this worker:
 * - `open`: seen on-chain (JobOpened), its input not yet delivered;
 * - `received`: input delivered and checked against the on-chain inputCommitment, waiting for a prover;
 * - `proving`: a prover thread works on it (after a restart, proving starts again unless the proof was saved);
 * - `submitted`: the fulfil transaction was sent;
 * - `settled`: the fulfil transaction succeeded: attestation recorded, worker paid;
 * - `failed`: ended without this worker's settlement (see `error.code`: refunded, fulfilled elsewhere, expired...).
 *
 * The API reports the same states, so the type is the SDK's `WorkerJobState`.
 */
export type JobState = WorkerJobState;

export const JOB_STATES: readonly JobState[] = ["open", "received", "proving", "submitted", "settled", "failed"];

/** What the chain says about a job when it is opened (the JobOpened event or the escrow's job record). */
export type OpenedJob = {
  jobId: bigint;
  modelId: bigint;
  requester: Address;
  inputCommitment: bigint;
  amount: bigint;
  /** Unix seconds after which the requester may refund. */
  deadline: bigint;
  /** The only agent allowed to fulfil it, or 0n for any registered agent. */
  workerAgentId: bigint;
  /** Where it was seen; undefined when read from the escrow's state rather than from an event. */
  openedBlock: bigint | undefined;
  openedTx: Hex | undefined;
};

/** The proof a prover thread returns, as snarkjs gives it. */
export type StoredProof = {
  publicSignals: string[];
  proof: unknown;
  /** The verifier's calldata, from snarkjs' own export. */
  calldata: unknown;
};

export type JobTimings = {
  receivedAt?: number;
  provingStartedAt?: number;
  provedAt?: number;
  submittedAt?: number;
  settledAt?: number;
  failedAt?: number;
  /** Milliseconds the Groth16 prove itself took (the last attempt). */
  proveMs?: number;
};

export type JobError = { code: string; message: string };

export type JobRecord = OpenedJob & {
  state: JobState;
  input: bigint[] | undefined;
  salt: bigint | undefined;
  /** The model's raw fixed-point outputs, as proven. */
  output: bigint[] | undefined;
  proof: StoredProof | undefined;
  txHashes: Hex[];
  attempts: number;
  error: JobError | undefined;
  timings: JobTimings;
  createdAt: number;
  updatedAt: number;
};
