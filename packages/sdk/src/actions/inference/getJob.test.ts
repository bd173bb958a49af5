import { inferenceEscrowAbi } from "@convergence/contracts";
import { ContractFunctionRevertedError } from "viem";
import { describe, expect, it } from "vitest";
import type { ReadClient } from "../../client/types.ts";
import { getJob } from "./getJob.ts";

const escrow = "0x00000000000000000000000000000000000000e5";

/** A node that reverts getJob with no revert data (a bare "execution reverted"), as some providers answer. */
function bareRevertingNode(jobCount: bigint): ReadClient {
  return {
    readContract: async ({ functionName }: { functionName: string }) => {
      if (functionName === "jobCount") return jobCount;
      throw new ContractFunctionRevertedError({
        abi: inferenceEscrowAbi,
        functionName,
        message: "execution reverted",
      });
    },
  } as unknown as ReadClient;
}

// The live-chain cases (a known job, an unknown id decoded as InferenceEscrowUnknownJob) are in openJob.test.ts.
describe("getJob on a node that returns no revert data", () => {
  it('answers "none" for an id past the escrow\'s job count, and for id 0', async () => {
    expect((await getJob({ client: bareRevertingNode(3n), escrow, jobId: 4n })).status).toBe("none");
    expect((await getJob({ client: bareRevertingNode(3n), escrow, jobId: 0n })).status).toBe("none");
  });
  it("passes the revert on for an id the escrow has (it is not an unknown job)", async () => {
    await expect(getJob({ client: bareRevertingNode(3n), escrow, jobId: 2n })).rejects.toBeInstanceOf(
      ContractFunctionRevertedError,
    );
  });
});
