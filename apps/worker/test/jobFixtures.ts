import type { Job } from "@convergence/sdk";
import type { Address } from "viem";
import type { StoredProof } from "../src/store/types.ts";

/**
 * An open escrow job as the SDK's getJob reads it: 2 USDC, deadline in 2033, for any worker; reserved for
 * `workerAgentId`, when given, for its whole life (exclusiveUntil = deadline) unless `exclusiveUntil` says otherwise.
 */
export function escrowJob({
  jobId,
  requester,
  inputCommitment,
  ...overrides
}: { jobId: bigint; requester: Address; inputCommitment: bigint } & Partial<Job>): Job {
  const deadline = overrides.deadline ?? 2_000_000_000n;
  return {
    jobId,
    modelId: 1n,
    requester,
    inputCommitment,
    amount: 2_000_000n,
    deadline,
    workerAgentId: 0n,
    exclusiveUntil: (overrides.workerAgentId ?? 0n) === 0n ? 0n : deadline,
    status: "open",
    ...overrides,
  };
}

/** A proof of the right shape that no verifier accepts, for tests of what the worker does around proving. */
export function fakeProof({ publicSignals }: { publicSignals: string[] }): StoredProof {
  return {
    publicSignals,
    proof: { pi_a: ["1", "2", "1"], pi_b: [["3", "4"]], pi_c: ["5", "6", "1"], protocol: "groth16", curve: "bn128" },
    calldata: {
      pA: [1n, 2n],
      pB: [
        [3n, 4n],
        [5n, 6n],
      ],
      pC: [7n, 8n],
      pubSignals: publicSignals.map(BigInt),
    },
  };
}
