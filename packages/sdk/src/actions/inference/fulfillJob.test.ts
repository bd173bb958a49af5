import { inferenceAttestorAbi, usdcAbi, validationRegistryAbi } from "@convergence/contracts";
import { type Abi, zeroHash } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { AttestationNotFoundError, ValidationNotByAttestorError } from "../../errors/inference.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import { fulfillJob } from "./fulfillJob.ts";
import { getAttestation } from "./getAttestation.ts";
import { getJob } from "./getJob.ts";
import { getValidation } from "./getValidation.ts";
import { setupInferenceMarket } from "./inferenceTestKit.ts";
import { openJob } from "./openJob.ts";
import { sendFulfillJob } from "./sendFulfillJob.ts";
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
      calldata: market.proofFor(signals),
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
      attestor: contracts.InferenceAttestor,
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
    const calldata = market.proofFor(market.signalsFor(jobId, worker.account.address, 902n, outputs));
    await expect(
      fulfillJob({
        client: thief,
        escrow: contracts.InferenceEscrow,
        jobId,
        workerAgentId: market.thiefAgentId,
        calldata,
      }),
    ).rejects.toMatchObject({ name: "ContractRevertError", errorName: "InferenceAttestorBindingMismatch" });
    await expect(
      fulfillJob({
        client: worker,
        escrow: contracts.InferenceEscrow,
        jobId: otherJob,
        workerAgentId: market.workerAgentId,
        calldata,
      }),
    ).rejects.toMatchObject({ errorName: "InferenceAttestorBindingMismatch" });
    await expect(
      fulfillJob({
        client: worker,
        escrow: contracts.InferenceEscrow,
        jobId,
        workerAgentId: market.thiefAgentId,
        calldata,
      }),
    ).rejects.toMatchObject({ errorName: "InferenceEscrowNotAgentWallet" });
    await expect(
      getAttestation({ client: market.publicClient, attestor: contracts.InferenceAttestor, jobId }),
    ).rejects.toBeInstanceOf(AttestationNotFoundError);
  });

  it("names a tampered output as a rejected proof, and refuses calldata that is not uint256, sending nothing", async () => {
    const { contracts, worker, publicClient } = market;
    const { jobId } = await open(903n);
    const calldata = market.proofFor(market.signalsFor(jobId, worker.account.address, 903n, outputs));
    const tampered = {
      ...calldata,
      pubSignals: [...calldata.pubSignals.slice(0, 3), 1n, ...calldata.pubSignals.slice(4)],
    };
    const nonce = await publicClient.getTransactionCount({ address: worker.account.address });
    await expect(
      fulfillJob({
        client: worker,
        escrow: contracts.InferenceEscrow,
        jobId,
        workerAgentId: market.workerAgentId,
        calldata: tampered,
      }),
    ).rejects.toMatchObject({ errorName: "InferenceAttestorProofRejected" });
    const negative = fulfillJob({
      client: worker,
      escrow: contracts.InferenceEscrow,
      jobId,
      workerAgentId: market.workerAgentId,
      calldata: { ...calldata, pA: [-1n, 1n] },
    });
    await expect(negative).rejects.toBeInstanceOf(InvalidParameterError);
    await expect(negative).rejects.toThrow(/calldata\.pA\[0\].*unsigned 256-bit/);
    expect(await publicClient.getTransactionCount({ address: worker.account.address })).toBe(nonce);
    expect((await getJob({ client: publicClient, escrow: contracts.InferenceEscrow, jobId })).status).toBe("open");
  });

  it("sendFulfillJob returns the hash before the receipt, and the job settles once it is mined", async () => {
    const { contracts, worker, publicClient } = market;
    const { jobId } = await open(904n);
    const calldata = market.proofFor(market.signalsFor(jobId, worker.account.address, 904n, outputs));
    const { hash } = await sendFulfillJob({
      client: worker,
      escrow: contracts.InferenceEscrow,
      jobId,
      workerAgentId: market.workerAgentId,
      calldata,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
    expect(await getJob({ client: publicClient, escrow: contracts.InferenceEscrow, jobId })).toMatchObject({
      status: "fulfilled",
      workerAgentId: market.workerAgentId,
    });
    // A second fulfil of the settled job is refused in simulation, by name.
    await expect(
      sendFulfillJob({
        client: worker,
        escrow: contracts.InferenceEscrow,
        jobId,
        workerAgentId: market.workerAgentId,
        calldata,
      }),
    ).rejects.toMatchObject({ name: "ContractRevertError", errorName: "InferenceEscrowJobNotOpen" });
  });

  it("counts only the attestor's validations: a squatted request hash answered by its filer is refused by name", async () => {
    const { contracts, publicClient, thief, worker } = market;
    const { jobId } = await open(905n);
    const squatted = await publicClient.readContract({
      address: contracts.InferenceAttestor,
      abi: inferenceAttestorAbi,
      functionName: "defaultRequestHash",
      args: [jobId],
    });
    // The thief files the job's request hash first, naming itself as validator, and answers it: a self-validation.
    const registry = { client: thief, contract: "ValidationRegistry", address: contracts.ValidationRegistry };
    await writeContractAndWait({
      ...registry,
      abi: validationRegistryAbi as Abi,
      functionName: "validationRequest",
      args: [thief.account.address, market.thiefAgentId, "", squatted],
    });
    await writeContractAndWait({
      ...registry,
      abi: validationRegistryAbi as Abi,
      functionName: "validationResponse",
      args: [squatted, 100, "", zeroHash, ""],
    });
    const read = getValidation({ client: publicClient, attestor: contracts.InferenceAttestor, requestHash: squatted });
    await expect(read).rejects.toBeInstanceOf(ValidationNotByAttestorError);
    await expect(read).rejects.toThrow(
      new RegExp(`names validator ${thief.account.address}.*not validated by this deployment's attestor`),
    );

    // The honest fulfil files its request under the next free hash; that one is the attestor's and counts.
    await fulfillJob({
      client: worker,
      escrow: contracts.InferenceEscrow,
      jobId,
      workerAgentId: market.workerAgentId,
      calldata: market.proofFor(market.signalsFor(jobId, worker.account.address, 905n, outputs)),
    });
    const attestation = await getAttestation({ client: publicClient, attestor: contracts.InferenceAttestor, jobId });
    expect(attestation.validationRequestHash).not.toBe(squatted);
    await expect(
      getValidation({
        client: publicClient,
        attestor: contracts.InferenceAttestor,
        requestHash: attestation.validationRequestHash,
      }),
    ).resolves.toMatchObject({ validator: contracts.InferenceAttestor, agentId: market.workerAgentId, response: 100 });
  });
});
