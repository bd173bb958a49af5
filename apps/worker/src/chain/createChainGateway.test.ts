import type { ReadClient, WriteClient } from "@convergence/sdk";
import { parseCalldata } from "@convergence/zk";
import {
  ContractFunctionRevertedError,
  encodeErrorResult,
  type Hex,
  HttpRequestError,
  parseAbi,
  BaseError as ViemBaseError,
} from "viem";
import { describe, expect, it } from "vitest";
import { JobFailedError } from "../errors/jobs.ts";
import { createChainGateway } from "./createChainGateway.ts";

/**
 * The gateway's own decisions, against a wallet double: which failures fail a job, and that sends never overlap. The
 * reads and the real fulfil run against a chain in test/worker/.
 */
describe("createChainGateway.sendFulfill", () => {
  const escrow = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  // The wallet double never checks a proof: any well-formed calldata will do.
  const calldata = parseCalldata({ calldata: '["0x1","0x2"],[["0x3","0x4"],["0x5","0x6"]],["0x7","0x8"],["0x9"]' });
  const abi = parseAbi(["error InferenceEscrowJobExpired(uint256 jobId, uint256 deadline, uint256 timestamp)"]);

  const gateway = (simulate: (jobId: bigint) => Promise<void>, events: string[] = []) => {
    const walletClient = {
      chain: { id: 31337 },
      account: { address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", type: "local" },
      async simulateContract({ args }: { args: readonly unknown[] }) {
        const jobId = args[0] as bigint;
        events.push(`simulate ${jobId}`);
        await simulate(jobId);
        return { request: { jobId }, result: undefined };
      },
      async writeContract({ jobId }: { jobId: bigint }): Promise<Hex> {
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push(`sent ${jobId}`);
        return `0x${jobId.toString(16).padStart(64, "0")}`;
      },
    } as unknown as WriteClient;
    return createChainGateway({ publicClient: {} as ReadClient, walletClient, escrow, agentId: 3n });
  };

  it("fails the job with FULFILL_REVERTED naming the contract's error when the simulation reverts", async () => {
    const chain = gateway(async () => {
      const data = encodeErrorResult({ abi, errorName: "InferenceEscrowJobExpired", args: [7n, 100n, 200n] });
      throw new ViemBaseError("simulation failed", {
        cause: new ContractFunctionRevertedError({ abi, data, functionName: "fulfill" }),
      });
    });
    const send = chain.sendFulfill({ jobId: 7n, calldata });
    await expect(send).rejects.toBeInstanceOf(JobFailedError);
    await expect(send).rejects.toMatchObject({
      code: "FULFILL_REVERTED",
      shortMessage: "InferenceEscrow.fulfill for job 7 would revert: InferenceEscrowJobExpired(7, 100, 200).",
    });
  });

  it("leaves a job to be retried when the simulation could not run (the node unreachable)", async () => {
    const chain = gateway(async () => {
      throw new HttpRequestError({ url: "http://127.0.0.1:8545", details: "fetch failed" });
    });
    const error = await chain.sendFulfill({ jobId: 8n, calldata }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(JobFailedError);
  });

  it("sends one fulfil at a time, in call order, even after one fails", async () => {
    const events: string[] = [];
    const chain = gateway(async (jobId) => {
      if (jobId === 2n) throw new HttpRequestError({ url: "http://127.0.0.1:8545", details: "fetch failed" });
    }, events);
    const results = await Promise.allSettled([1n, 2n, 3n].map((jobId) => chain.sendFulfill({ jobId, calldata })));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(events).toEqual(["simulate 1", "sent 1", "simulate 2", "simulate 3", "sent 3"]);
  });
});
