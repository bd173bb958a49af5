import type { Job, WorkerJobState } from "@convergence/sdk";
import type { Groth16Calldata, ProveReturnType } from "@convergence/zk";
import type { Hex } from "viem";

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

/**
 * A job's terms as this worker stores them: the SDK's job without its status (the store tracks this worker's state
 * instead), `workerAgentId` being the agent reserved at opening (0n: any) and `exclusiveUntil` the end of its
 * exclusive window. Where it was opened is undefined when it
 * was read from the escrow's state rather than seen in a JobOpened event.
 */
export type JobTerms = Omit<Job, "status"> & { openedBlock: bigint | undefined; openedTx: Hex | undefined };

/** The proof a prover thread returns, as @convergence/zk's prove gives it. */
export type StoredProof = {
  publicSignals: string[];
  proof: ProveReturnType["proof"];
  /** The verifier's calldata, from snarkjs' own export, as the SDK's sendFulfillJob takes it. */
  calldata: Groth16Calldata;
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

export type JobRecord = JobTerms & {
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
