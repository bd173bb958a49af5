import { reputationRegistryAbi } from "@convergence/contracts";
import { keccak256, stringToHex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { InvalidParameterError } from "../../errors/input.ts";
import { appendResponse } from "./appendResponse.ts";
import { failureFeedback } from "./feedbackScheme.ts";
import { giveFeedback } from "./giveFeedback.ts";
import { setupReputation } from "./reputationTestKit.ts";

describe("appendResponse", () => {
  let kit: Awaited<ReturnType<typeof setupReputation>>;
  beforeAll(async () => {
    kit = await setupReputation();
  });
  const responses = (responders: `0x${string}`[] = []) =>
    kit.publicClient.readContract({
      address: kit.registry,
      abi: reputationRegistryAbi,
      functionName: "getResponseCount",
      args: [kit.agentId, kit.client.account.address, 1n, responders],
    });

  it("lets the agent's owner answer a feedback, counted per responder", async () => {
    await giveFeedback({
      client: kit.client,
      registry: kit.registry,
      agentId: kit.agentId,
      ...failureFeedback({ reason: "noShow" }),
    });
    const responseHash = keccak256(stringToHex("the node was down for maintenance"));
    const { receipt } = await appendResponse({
      client: kit.owner,
      registry: kit.registry,
      agentId: kit.agentId,
      clientAddress: kit.client.account.address,
      feedbackIndex: 1n,
      responseURI: "https://worker.example/responses/1.json",
      responseHash,
    });
    const [event] = await kit.publicClient.getContractEvents({
      address: kit.registry,
      abi: reputationRegistryAbi,
      eventName: "ResponseAppended",
      blockHash: receipt.blockHash,
    });
    expect(event?.args).toMatchObject({ responder: kit.owner.account.address, feedbackIndex: 1n, responseHash });
    expect(await responses()).toBe(1n);
    expect(await responses([kit.owner.account.address])).toBe(1n);
    expect(await responses([kit.stranger.account.address])).toBe(0n);
  });

  it("refuses an empty URI before sending, and names ReputationRegistryInvalidIndex for a missing feedback", async () => {
    const base = {
      client: kit.owner,
      registry: kit.registry,
      agentId: kit.agentId,
      clientAddress: kit.client.account.address,
    };
    await expect(appendResponse({ ...base, feedbackIndex: 1n, responseURI: "" })).rejects.toBeInstanceOf(
      InvalidParameterError,
    );
    await expect(
      appendResponse({ ...base, feedbackIndex: 9n, responseURI: "https://r.example/9" }),
    ).rejects.toMatchObject({
      errorName: "ReputationRegistryInvalidIndex",
      args: [kit.agentId, kit.client.account.address, 9n, 1n],
    });
    expect(await responses()).toBe(1n);
  });
});
