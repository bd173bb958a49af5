import { inferenceAttestorAbi } from "@convergence/contracts";
import type { Address } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { AttestationTimeoutError, JobNotAttestableError, JobNotFoundError } from "../../errors/inference.ts";
import { getAttestation } from "./getAttestation.ts";
import { getJob } from "./getJob.ts";
import type { Attestation } from "./types.ts";

export type WaitForAttestationParameters = {
  client: ReadClient;
  escrow: Address;
  attestor: Address;
  jobId: bigint;
  /** Give up after this long (default 5 minutes). */
  timeoutMs?: number;
  /** How often to poll for events and blocks (default: the client's polling interval). */
  pollingIntervalMs?: number;
};
export type WaitForAttestationReturnType = Attestation;

/**
 * Waits until a job is attested and returns the attestation. It watches InferenceAttested for the job and re-reads
 * the job on every new block, so it also returns an attestation recorded before it was called, and fails fast with
 * JobNotFoundError for a job the escrow does not have, JobNotAttestableError once the job is refunded or past its
 * deadline unfulfilled; AttestationTimeoutError after `timeoutMs`.
 *
 * @example
 * const { outputs } = await waitForAttestation({ client, escrow, attestor, jobId, timeoutMs: 120_000 });
 */
export function waitForAttestation({
  client,
  escrow,
  attestor,
  jobId,
  timeoutMs = 300_000,
  pollingIntervalMs,
}: WaitForAttestationParameters): Promise<WaitForAttestationReturnType> {
  return new Promise((resolve, reject) => {
    let done = false;
    let checking = false;
    let recheck = false;
    const stops: (() => void)[] = [];
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const stop of stops) stop();
      settle();
    };
    const check = async (): Promise<void> => {
      if (done) return;
      if (checking) {
        recheck = true;
        return;
      }
      checking = true;
      try {
        const job = await getJob({ client, escrow, jobId });
        if (job.status === "none") {
          finish(() => reject(new JobNotFoundError({ jobId, escrow })));
        } else if (job.status === "fulfilled") {
          const attestation = await getAttestation({ client, attestor, jobId });
          finish(() => resolve(attestation));
        } else if (job.status === "refunded") {
          finish(() => reject(new JobNotAttestableError({ jobId, reason: "refunded", deadline: job.deadline })));
        } else {
          const { timestamp } = await client.getBlock();
          if (timestamp > job.deadline) {
            finish(() => reject(new JobNotAttestableError({ jobId, reason: "expired", deadline: job.deadline })));
          }
        }
      } catch (error) {
        finish(() => reject(error));
      } finally {
        checking = false;
        if (recheck && !done) {
          recheck = false;
          void check();
        }
      }
    };
    const timer = setTimeout(() => finish(() => reject(new AttestationTimeoutError({ jobId, timeoutMs }))), timeoutMs);
    const polling = pollingIntervalMs === undefined ? {} : { pollingInterval: pollingIntervalMs };
    stops.push(
      client.watchContractEvent({
        address: attestor,
        abi: inferenceAttestorAbi,
        eventName: "InferenceAttested",
        args: { jobId },
        onLogs: () => void check(),
        // A failing event filter is not fatal: the block watcher below reads the state anyway.
        onError: () => {},
        ...polling,
      }),
      client.watchBlockNumber({ onBlockNumber: () => void check(), onError: () => {}, ...polling }),
    );
    void check();
  });
}
