import { inferenceEscrowAbi, usdcAbi } from "@convergence/contracts";
import { zeroAddress } from "viem";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createClients } from "../../client/createClients.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { getJob } from "./getJob.ts";
import { setupInferenceMarket } from "./inferenceTestKit.ts";
import { openJob } from "./openJob.ts";

describe("openJob and getJob", () => {
  let market: Awaited<ReturnType<typeof setupInferenceMarket>>;
  beforeAll(async () => {
    market = await setupInferenceMarket();
  });
  const balance = (address: `0x${string}`) =>
    market.publicClient.readContract({
      address: market.contracts.USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [address],
    });
  const deadline = async () => (await market.publicClient.getBlock()).timestamp + 3600n;

  it("opens a job with a permit in one transaction and reads it back", async () => {
    const escrow = market.contracts.InferenceEscrow;
    const before = await balance(escrow);
    const end = await deadline();
    const { jobId, approveHash } = await openJob({
      client: market.requester,
      escrow,
      modelId: market.modelId,
      inputCommitment: 777n,
      amount: 2_000_000n,
      deadline: end,
      workerAgentId: market.workerAgentId,
    });
    expect(approveHash).toBeUndefined();
    expect(await balance(escrow)).toBe(before + 2_000_000n);
    expect(await getJob({ client: market.publicClient, escrow, jobId })).toEqual({
      jobId,
      requester: market.requester.account.address,
      modelId: market.modelId,
      inputCommitment: 777n,
      amount: 2_000_000n,
      deadline: end,
      workerAgentId: market.workerAgentId,
      exclusiveUntil: end,
      status: "open",
    });
    const allowance = await market.publicClient.readContract({
      address: market.contracts.USDC,
      abi: usdcAbi,
      functionName: "allowance",
      args: [market.requester.account.address, escrow],
    });
    expect(allowance).toBe(0n);
  });

  it("approves first on the approve path, and only when the allowance is short", async () => {
    const escrow = market.contracts.InferenceEscrow;
    const open = async () =>
      openJob({
        client: market.requester,
        escrow,
        modelId: market.modelId,
        inputCommitment: 778n,
        amount: 1_000_000n,
        deadline: await deadline(),
        payment: "approve",
      });
    const first = await open();
    expect(first.approveHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect((await getJob({ client: market.publicClient, escrow, jobId: first.jobId })).workerAgentId).toBe(0n);
    await market.requester.writeContract({
      address: market.contracts.USDC,
      abi: usdcAbi,
      functionName: "approve",
      args: [escrow, 5_000_000n],
    });
    const second = await open();
    expect(second.approveHash).toBeUndefined();
    expect(second.jobId).toBe(first.jobId + 1n);
  });

  it("with a batch sender: approve exactly the amount, then open, as one batch from the sender's account", async () => {
    const escrow = market.contracts.InferenceEscrow;
    const sent: { to: string; value?: bigint; data: string }[][] = [];
    // Stands in for an account's batch (executeAsSession): runs the calls one by one from the requester's EOA.
    const batch = {
      address: market.requester.account.address,
      send: async (calls: readonly { to: `0x${string}`; value?: bigint; data: `0x${string}` }[]) => {
        sent.push([...calls]);
        let last: {
          hash: `0x${string}`;
          receipt: Awaited<ReturnType<typeof market.publicClient.getTransactionReceipt>>;
        };
        for (const call of calls) {
          const hash = await market.requester.sendTransaction({
            to: call.to,
            data: call.data,
            value: call.value ?? 0n,
          });
          last = { hash, receipt: await market.publicClient.waitForTransactionReceipt({ hash }) };
        }
        return last!;
      },
    };
    const before = await balance(escrow);
    const { jobId, approveHash } = await openJob({
      client: market.requester,
      batch,
      escrow,
      modelId: market.modelId,
      inputCommitment: 779n,
      amount: 1_500_000n,
      deadline: await deadline(),
      workerAgentId: market.workerAgentId,
    });
    expect(approveHash).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((call) => call.to)).toEqual([market.contracts.USDC, escrow]);
    expect(await balance(escrow)).toBe(before + 1_500_000n);
    const job = await getJob({ client: market.publicClient, escrow, jobId });
    expect(job.requester).toBe(market.requester.account.address);
    // The approval was exactly what the open spent: nothing left standing.
    const allowance = await market.publicClient.readContract({
      address: market.contracts.USDC,
      abi: usdcAbi,
      functionName: "allowance",
      args: [market.requester.account.address, escrow],
    });
    expect(allowance).toBe(0n);
  });
  it("reserves a job for a worker's exclusive window, then for anyone until the deadline", async () => {
    const escrow = market.contracts.InferenceEscrow;
    const end = await deadline();
    const exclusiveUntil = end - 3000n;
    const { jobId } = await openJob({
      client: market.requester,
      escrow,
      modelId: market.modelId,
      inputCommitment: 779n,
      amount: 1_000_000n,
      deadline: end,
      workerAgentId: market.workerAgentId,
      exclusiveUntil,
    });
    expect(await getJob({ client: market.publicClient, escrow, jobId })).toMatchObject({
      workerAgentId: market.workerAgentId,
      exclusiveUntil,
      deadline: end,
    });
    // Without a worker the window defaults to 0n: open to anyone from the start.
    const anyone = await openJob({
      client: market.requester,
      escrow,
      modelId: market.modelId,
      inputCommitment: 780n,
      amount: 1_000_000n,
      deadline: end,
    });
    expect((await getJob({ client: market.publicClient, escrow, jobId: anyone.jobId })).exclusiveUntil).toBe(0n);
  });

  it("names the escrow's reason for a window it refuses", async () => {
    const end = await deadline();
    const base = {
      client: market.requester,
      escrow: market.contracts.InferenceEscrow,
      modelId: market.modelId,
      inputCommitment: 781n,
      amount: 1_000_000n,
      deadline: end,
    };
    const count = () =>
      market.publicClient.readContract({
        address: market.contracts.InferenceEscrow,
        abi: inferenceEscrowAbi,
        functionName: "jobCount",
      });
    const before = await count();
    for (const window of [
      { workerAgentId: market.workerAgentId, exclusiveUntil: end + 1n }, // beyond the deadline
      { workerAgentId: market.workerAgentId, exclusiveUntil: 1n }, // in the past
      { exclusiveUntil: end }, // a window without a worker
    ]) {
      for (const payment of ["permit", "approve"] as const) {
        await expect(openJob({ ...base, ...window, payment })).rejects.toMatchObject({
          errorName: "InferenceEscrowInvalidExclusiveWindow",
        });
      }
    }
    expect(await count()).toBe(before);
  });

  it("names the escrow's reason for a retired or unknown model and a past deadline", async () => {
    const base = {
      client: market.requester,
      escrow: market.contracts.InferenceEscrow,
      modelId: 999n,
      inputCommitment: 1n,
      amount: 1_000_000n,
      deadline: await deadline(),
    };
    await expect(openJob(base)).rejects.toMatchObject({ errorName: "InferenceEscrowModelNotActive" });
    const { timestamp } = await market.publicClient.getBlock();
    await expect(openJob({ ...base, modelId: market.modelId, deadline: timestamp - 1n })).rejects.toMatchObject({
      errorName: "InferenceEscrowInvalidDeadline",
    });
  });

  it("refuses a zero amount, and a permit without a local account", async () => {
    const base = {
      client: market.requester,
      escrow: market.contracts.InferenceEscrow,
      modelId: market.modelId,
      inputCommitment: 1n,
      amount: 0n,
      deadline: await deadline(),
    };
    await expect(openJob(base)).rejects.toBeInstanceOf(InvalidParameterError);
    const { walletClient: jsonRpc } = createClients({
      rpcUrl: inject("rpcUrl"),
      chainId: 31337,
      account: { address: market.requester.account.address, type: "json-rpc" },
    });
    await expect(openJob({ ...base, client: jsonRpc!, amount: 1n, payment: "permit" })).rejects.toThrow(
      /local account/,
    );
  });

  it("reads an unknown job as status none with zero fields", async () => {
    for (const jobId of [0n, 10_000n]) {
      const read = await getJob({ client: market.publicClient, escrow: market.contracts.InferenceEscrow, jobId });
      const { jobId: id, status, requester, ...numbers } = read;
      expect({ id, status, requester }).toEqual({ id: jobId, status: "none", requester: zeroAddress });
      // The model, commitment, amount, deadline, worker and window are all zero, as the escrow's empty slot holds them.
      expect(Object.keys(numbers)).toHaveLength(6);
      expect(Object.values(numbers)).toEqual([0n, 0n, 0n, 0n, 0n, 0n]);
    }
  });

  it("does not mistake an address that is not an escrow for a missing job: the read fails", async () => {
    await expect(getJob({ client: market.publicClient, escrow: market.contracts.USDC, jobId: 1n })).rejects.toThrow();
    await expect(
      getJob({ client: market.publicClient, escrow: "0x000000000000000000000000000000000000dEaD", jobId: 1n }),
    ).rejects.toThrow(/returned no data|0x000000000000000000000000000000000000dEaD/i);
  });
});
