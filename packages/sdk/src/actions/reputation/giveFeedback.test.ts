import { reputationRegistryAbi } from "@convergence/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { failureFeedback, feedbackJobHash, successFeedback } from "./feedbackScheme.ts";
import { giveFeedback } from "./giveFeedback.ts";
import { setupReputation } from "./reputationTestKit.ts";

describe("giveFeedback", () => {
  let kit: Awaited<ReturnType<typeof setupReputation>>;
  beforeAll(async () => {
    kit = await setupReputation();
  });

  it("records the scheme's feedback with the job's hash and returns its index", async () => {
    const feedbackHash = feedbackJobHash({ chainId: 31337, escrow: kit.escrow, jobId: 41n });
    const first = await giveFeedback({
      client: kit.client,
      registry: kit.registry,
      agentId: kit.agentId,
      ...successFeedback({ latencyMs: 8421 }),
      endpoint: "http://127.0.0.1:8080",
      feedbackHash,
    });
    expect(first.feedbackIndex).toBe(1n);
    const [event] = await kit.publicClient.getContractEvents({
      address: kit.registry,
      abi: reputationRegistryAbi,
      eventName: "NewFeedback",
      blockHash: first.receipt.blockHash,
    });
    expect(event?.args).toMatchObject({
      agentId: kit.agentId,
      clientAddress: kit.client.account.address,
      value: 100n,
      tag1: "successRate",
      tag2: "latencyMs:8421",
      endpoint: "http://127.0.0.1:8080",
      feedbackURI: "",
      feedbackHash,
    });
    const second = await giveFeedback({
      client: kit.client,
      registry: kit.registry,
      agentId: kit.agentId,
      ...failureFeedback({ reason: "noShow" }),
    });
    expect(second.feedbackIndex).toBe(2n);
    expect(
      await kit.publicClient.readContract({
        address: kit.registry,
        abi: reputationRegistryAbi,
        functionName: "readFeedback",
        args: [kit.agentId, kit.client.account.address, 2n],
      }),
    ).toEqual([0n, 0, "successRate", "noShow", false]);
  });

  it("names the registry's reason: self-feedback, an unknown agent, too many decimals, a value out of range", async () => {
    const base = { registry: kit.registry, agentId: kit.agentId, value: 100n, valueDecimals: 0 };
    await expect(giveFeedback({ ...base, client: kit.owner })).rejects.toMatchObject({
      errorName: "ReputationRegistrySelfFeedback",
      args: [kit.agentId, kit.owner.account.address],
    });
    await expect(giveFeedback({ ...base, client: kit.client, agentId: 10_000n })).rejects.toMatchObject({
      errorName: "ReputationRegistryUnknownAgent",
    });
    await expect(giveFeedback({ ...base, client: kit.client, valueDecimals: 19 })).rejects.toMatchObject({
      errorName: "ReputationRegistryInvalidValueDecimals",
    });
    await expect(giveFeedback({ ...base, client: kit.client, value: 10n ** 38n + 1n })).rejects.toMatchObject({
      errorName: "ReputationRegistryValueOutOfRange",
    });
    await expect(giveFeedback({ ...base, client: kit.client })).resolves.toMatchObject({ feedbackIndex: 3n });
  });
});
