import { beforeAll, describe, expect, it } from "vitest";
import { successFeedback } from "./feedbackScheme.ts";
import { giveFeedback } from "./giveFeedback.ts";
import { readAllFeedback } from "./readAllFeedback.ts";
import { setupReputation } from "./reputationTestKit.ts";
import { revokeFeedback } from "./revokeFeedback.ts";

describe("revokeFeedback", () => {
  let kit: Awaited<ReturnType<typeof setupReputation>>;
  beforeAll(async () => {
    kit = await setupReputation();
  });

  it("marks the client's own feedback revoked, once", async () => {
    const { feedbackIndex } = await giveFeedback({
      client: kit.client,
      registry: kit.registry,
      agentId: kit.agentId,
      ...successFeedback({ latencyMs: 900 }),
    });
    await revokeFeedback({ client: kit.client, registry: kit.registry, agentId: kit.agentId, feedbackIndex });
    const read = (includeRevoked: boolean) =>
      readAllFeedback({
        client: kit.publicClient,
        registry: kit.registry,
        agentId: kit.agentId,
        clientAddresses: [kit.client.account.address],
        includeRevoked,
      });
    expect(await read(false)).toEqual([]);
    expect(await read(true)).toMatchObject([{ feedbackIndex, isRevoked: true }]);
    await expect(
      revokeFeedback({ client: kit.client, registry: kit.registry, agentId: kit.agentId, feedbackIndex }),
    ).rejects.toMatchObject({ errorName: "ReputationRegistryAlreadyRevoked" });
  });

  it("names ReputationRegistryInvalidIndex for another client's feedback or an index never given", async () => {
    await expect(
      revokeFeedback({ client: kit.stranger, registry: kit.registry, agentId: kit.agentId, feedbackIndex: 1n }),
    ).rejects.toMatchObject({
      errorName: "ReputationRegistryInvalidIndex",
      args: [kit.agentId, kit.stranger.account.address, 1n, 0n],
    });
    await expect(
      revokeFeedback({ client: kit.client, registry: kit.registry, agentId: kit.agentId, feedbackIndex: 0n }),
    ).rejects.toMatchObject({ errorName: "ReputationRegistryInvalidIndex" });
  });
});
