import { beforeAll, describe, expect, it } from "vitest";
import { InvalidParameterError } from "../../errors/input.ts";
import { getOpenedJobs } from "./getOpenedJobs.ts";
import { setupInferenceMarket } from "./inferenceTestKit.ts";
import { openJob } from "./openJob.ts";

describe("getOpenedJobs", () => {
  let market: Awaited<ReturnType<typeof setupInferenceMarket>>;
  beforeAll(async () => {
    market = await setupInferenceMarket();
  });

  it("decodes the jobs opened in a block range, in order, with the block and transaction of each", async () => {
    const escrow = market.contracts.InferenceEscrow;
    const deadline = (await market.publicClient.getBlock()).timestamp + 3600n;
    const open = (inputCommitment: bigint, workerAgentId?: bigint) =>
      openJob({
        client: market.requester,
        escrow,
        modelId: market.modelId,
        inputCommitment,
        amount: 1_500_000n,
        deadline,
        ...(workerAgentId === undefined ? {} : { workerAgentId }),
      });
    const first = await open(811n);
    const second = await open(812n, market.workerAgentId);
    const fromBlock = first.receipt.blockNumber;
    const toBlock = second.receipt.blockNumber;

    const jobs = await getOpenedJobs({ client: market.publicClient, escrow, fromBlock, toBlock });
    expect(jobs).toEqual([
      {
        jobId: first.jobId,
        requester: market.requester.account.address,
        modelId: market.modelId,
        inputCommitment: 811n,
        amount: 1_500_000n,
        deadline,
        workerAgentId: 0n,
        exclusiveUntil: 0n,
        blockNumber: fromBlock,
        transactionHash: first.hash,
      },
      {
        jobId: second.jobId,
        requester: market.requester.account.address,
        modelId: market.modelId,
        inputCommitment: 812n,
        amount: 1_500_000n,
        deadline,
        workerAgentId: market.workerAgentId,
        exclusiveUntil: deadline,
        blockNumber: toBlock,
        transactionHash: second.hash,
      },
    ]);
    // Ranges are inclusive at both ends and see nothing outside them.
    expect(
      (await getOpenedJobs({ client: market.publicClient, escrow, fromBlock: toBlock, toBlock })).map((j) => j.jobId),
    ).toEqual([second.jobId]);
    expect(
      await getOpenedJobs({ client: market.publicClient, escrow, fromBlock: 0n, toBlock: fromBlock - 1n }),
    ).not.toContainEqual(expect.objectContaining({ jobId: first.jobId }));
    // Another contract's logs are not jobs.
    expect(
      await getOpenedJobs({ client: market.publicClient, escrow: market.contracts.USDC, fromBlock, toBlock }),
    ).toEqual([]);
  });

  it("refuses a range that ends before it starts, naming both ends", async () => {
    const call = getOpenedJobs({
      client: market.publicClient,
      escrow: market.contracts.InferenceEscrow,
      fromBlock: 10n,
      toBlock: 9n,
    });
    await expect(call).rejects.toBeInstanceOf(InvalidParameterError);
    await expect(call).rejects.toThrow(/10\.\.9.*fromBlock <= toBlock/);
  });
});
