import { usdcAbi } from "@convergence/contracts";
import { createTestClient, http } from "viem";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { AttestationTimeoutError, JobNotAttestableError } from "../../errors/inference.ts";
import { getJob } from "./getJob.ts";
import { setupInferenceMarket } from "./inferenceTestKit.ts";
import { openJob } from "./openJob.ts";
import { refundJob } from "./refundJob.ts";
import { waitForAttestation } from "./waitForAttestation.ts";

describe("refundJob and waitForAttestation's failures", () => {
  let market: Awaited<ReturnType<typeof setupInferenceMarket>>;
  beforeAll(async () => {
    market = await setupInferenceMarket();
  });
  const testClient = createTestClient({ mode: "hardhat", transport: http(inject("rpcUrl")) });
  const advance = async (seconds: number) => {
    await testClient.increaseTime({ seconds });
    await testClient.mine({ blocks: 1 });
  };
  const balance = () =>
    market.publicClient.readContract({
      address: market.contracts.USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [market.requester.account.address],
    });

  it("refunds only after the deadline, to the requester, whoever sends it", async () => {
    const { contracts, publicClient } = market;
    const before = await balance();
    const { jobId } = await openJob({
      client: market.requester,
      escrow: contracts.InferenceEscrow,
      modelId: market.modelId,
      inputCommitment: 55n,
      amount: 3_000_000n,
      deadline: (await publicClient.getBlock()).timestamp + 60n,
    });
    expect(await balance()).toBe(before - 3_000_000n);
    await expect(refundJob({ client: market.thief, escrow: contracts.InferenceEscrow, jobId })).rejects.toMatchObject({
      errorName: "InferenceEscrowJobNotExpired",
    });

    await advance(61);
    const wait = waitForAttestation({
      client: publicClient,
      escrow: contracts.InferenceEscrow,
      attestor: contracts.InferenceAttestor,
      jobId,
      timeoutMs: 10_000,
    });
    await expect(wait).rejects.toMatchObject({ name: "JobNotAttestableError", reason: "expired" });

    const refunded = await refundJob({ client: market.thief, escrow: contracts.InferenceEscrow, jobId });
    expect(refunded).toMatchObject({ requester: market.requester.account.address, amount: 3_000_000n });
    expect(await balance()).toBe(before);
    expect((await getJob({ client: publicClient, escrow: contracts.InferenceEscrow, jobId })).status).toBe("refunded");
    await expect(
      waitForAttestation({
        client: publicClient,
        escrow: contracts.InferenceEscrow,
        attestor: contracts.InferenceAttestor,
        jobId,
        timeoutMs: 10_000,
      }),
    ).rejects.toBeInstanceOf(JobNotAttestableError);
    await expect(refundJob({ client: market.thief, escrow: contracts.InferenceEscrow, jobId })).rejects.toMatchObject({
      errorName: "InferenceEscrowJobNotOpen",
    });
  });

  it("times out with AttestationTimeoutError while the job is still open", async () => {
    const { contracts, publicClient } = market;
    const { jobId } = await openJob({
      client: market.requester,
      escrow: contracts.InferenceEscrow,
      modelId: market.modelId,
      inputCommitment: 56n,
      amount: 1_000_000n,
      deadline: (await publicClient.getBlock()).timestamp + 3600n,
    });
    const error = await waitForAttestation({
      client: publicClient,
      escrow: contracts.InferenceEscrow,
      attestor: contracts.InferenceAttestor,
      jobId,
      timeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttestationTimeoutError);
    expect((error as Error).message).toContain(`No attestation for job ${jobId} within 300 ms`);
  });

  it("fails with the escrow's JobNotFoundError for a job that does not exist", async () => {
    await expect(
      waitForAttestation({
        client: market.publicClient,
        escrow: market.contracts.InferenceEscrow,
        attestor: market.contracts.InferenceAttestor,
        jobId: 123_456n,
        timeoutMs: 5_000,
      }),
    ).rejects.toMatchObject({ name: "JobNotFoundError" });
  });
});
