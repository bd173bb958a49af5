import { usdcAbi } from "@convergence/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { AttestationNotFoundError } from "../../errors/inference.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { fulfillJob } from "./fulfillJob.ts";
import { getAttestation } from "./getAttestation.ts";
import { getJob } from "./getJob.ts";
import { getValidation } from "./getValidation.ts";
import { setupInferenceMarket } from "./inferenceTestKit.ts";
import { openJob } from "./openJob.ts";
import { waitForAttestation } from "./waitForAttestation.ts";

describe("fulfillJob, waitForAttestation, getAttestation, getValidation", () => {
  let market: Awaited<ReturnType<typeof setupInferenceMarket>>;
  beforeAll(async () => {
    market = await setupInferenceMarket();
  });
  const outputs = [4321n, -17n, 0n];
  const open = async (inputCommitment: bigint) =>
    openJob({
      client: market.requester,
      escrow: market.contracts.InferenceEscrow,
      modelId: market.modelId,
      inputCommitment,
      amount: 2_000_000n,
      deadline: (await market.publicClient.getBlock()).timestamp + 3600n,
    });

  it("settles a job: the requester waiting for it reads the verified outputs, the worker is paid", async () => {
    const { contracts, publicClient, worker, workerAgentId } = market;
    const { jobId } = await open(901n);
    const waiting = waitForAttestation({
      client: publicClient,
      escrow: contracts.InferenceEscrow,
      attestor: contracts.InferenceAttestor,
      jobId,
      timeoutMs: 30_000,
    });
    const paidBefore = await publicClient.readContract({
      address: contracts.USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [worker.account.address],
    });
    const signals = market.signalsFor(jobId, worker.account.address, 901n, outputs);
    const fulfilled = await fulfillJob({
      client: worker,
      escrow: contracts.InferenceEscrow,
      jobId,
      workerAgentId,
      ...market.proofFor(signals),
    });
    expect(fulfilled.outputs).toEqual(outputs);

    const attestation = await waiting;
    expect(attestation).toEqual({
      jobId,
      modelId: market.modelId,
      inputCommitment: 901n,
      outputs,
      worker: worker.account.address,
      timestamp: (await publicClient.getBlock({ blockHash: fulfilled.receipt.blockHash })).timestamp,
      validationRequestHash: fulfilled.validationRequestHash,
    });
    expect(await getAttestation({ client: publicClient, attestor: contracts.InferenceAttestor, jobId })).toEqual(
      attestation,
    );
    const validation = await getValidation({
      client: publicClient,
      registry: contracts.ValidationRegistry,
      requestHash: attestation.validationRequestHash,
    });
    expect(validation).toMatchObject({ validator: contracts.InferenceAttestor, agentId: workerAgentId, response: 100 });
    const paidAfter = await publicClient.readContract({
      address: contracts.USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [worker.account.address],
    });
    expect(paidAfter - paidBefore).toBe(2_000_000n);
    expect((await getJob({ client: publicClient, escrow: contracts.InferenceEscrow, jobId })).status).toBe("fulfilled");

    // Called after the fact, it returns the recorded attestation at once.
    await expect(
      waitForAttestation({
        client: publicClient,
        escrow: contracts.InferenceEscrow,
        attestor: contracts.InferenceAttestor,
        jobId,
        timeoutMs: 5_000,
      }),
    ).resolves.toEqual(attestation);
  });

  it("rejects a proof copied from the mempool by another worker, and the same proof for another job", async () => {
    const { contracts, worker, thief } = market;
    const { jobId } = await open(902n);
    const { jobId: otherJob } = await open(902n);
    const proof = market.proofFor(market.signalsFor(jobId, worker.account.address, 902n, outputs));
    await expect(
      fulfillJob({
        client: thief,
        escrow: contracts.InferenceEscrow,
        jobId,
        workerAgentId: market.thiefAgentId,
        ...proof,
      }),
    ).rejects.toMatchObject({ name: "ContractRevertError", errorName: "InferenceAttestorBindingMismatch" });
    await expect(
      fulfillJob({
        client: worker,
        escrow: contracts.InferenceEscrow,
        jobId: otherJob,
        workerAgentId: market.workerAgentId,
        ...proof,
      }),
    ).rejects.toMatchObject({ errorName: "InferenceAttestorBindingMismatch" });
    await expect(
      fulfillJob({
        client: worker,
        escrow: contracts.InferenceEscrow,
        jobId,
        workerAgentId: market.thiefAgentId,
        ...proof,
      }),
    ).rejects.toMatchObject({ errorName: "InferenceEscrowNotAgentWallet" });
    await expect(
      getAttestation({ client: market.publicClient, attestor: contracts.InferenceAttestor, jobId }),
    ).rejects.toBeInstanceOf(AttestationNotFoundError);
  });

  it("names a tampered output as a rejected proof, and refuses calldata that is not numbers", async () => {
    const { contracts, worker } = market;
    const { jobId } = await open(903n);
    const proof = market.proofFor(market.signalsFor(jobId, worker.account.address, 903n, outputs));
    const tampered = { ...proof, signals: [...proof.signals.slice(0, 3), "0x1", ...proof.signals.slice(4)] };
    await expect(
      fulfillJob({
        client: worker,
        escrow: contracts.InferenceEscrow,
        jobId,
        workerAgentId: market.workerAgentId,
        ...tampered,
      }),
    ).rejects.toMatchObject({ errorName: "InferenceAttestorProofRejected" });
    await expect(
      fulfillJob({
        client: worker,
        escrow: contracts.InferenceEscrow,
        jobId,
        workerAgentId: market.workerAgentId,
        ...proof,
        a: ["not a number", "0x1"],
      }),
    ).rejects.toBeInstanceOf(InvalidParameterError);
  });
});
