import { beforeAll, describe, expect, it } from "vitest";
import { InvalidParameterError } from "../../errors/input.ts";
import { failureFeedback, successFeedback } from "./feedbackScheme.ts";
import { type GiveFeedbackParameters, giveFeedback } from "./giveFeedback.ts";
import { readAllFeedback } from "./readAllFeedback.ts";
import { setupReputation } from "./reputationTestKit.ts";
import { revokeFeedback } from "./revokeFeedback.ts";

describe("readAllFeedback", () => {
  let kit: Awaited<ReturnType<typeof setupReputation>>;
  beforeAll(async () => {
    kit = await setupReputation();
    const give = (
      client: typeof kit.client,
      feedback: Omit<GiveFeedbackParameters, "client" | "registry" | "agentId">,
    ) => giveFeedback({ client, registry: kit.registry, agentId: kit.agentId, ...feedback });
    await give(kit.client, successFeedback({ latencyMs: 700 }));
    await give(kit.client2, failureFeedback({ reason: "badDelivery" }));
    await give(kit.client, { value: 4n, valueDecimals: 0, tag1: "stars" });
    await give(kit.client, failureFeedback({ reason: "noShow" }));
    await revokeFeedback({ client: kit.client, registry: kit.registry, agentId: kit.agentId, feedbackIndex: 2n });
  });

  it("reads the named clients' feedback in client then index order, one entry each, without revoked ones", async () => {
    const entries = await readAllFeedback({
      client: kit.publicClient,
      registry: kit.registry,
      agentId: kit.agentId,
      clientAddresses: [kit.client.account.address, kit.client2.account.address],
    });
    expect(entries).toEqual([
      {
        client: kit.client.account.address,
        feedbackIndex: 1n,
        value: 100n,
        valueDecimals: 0,
        tag1: "successRate",
        tag2: "latencyMs:700",
        isRevoked: false,
      },
      {
        client: kit.client.account.address,
        feedbackIndex: 3n,
        value: 0n,
        valueDecimals: 0,
        tag1: "successRate",
        tag2: "noShow",
        isRevoked: false,
      },
      {
        client: kit.client2.account.address,
        feedbackIndex: 1n,
        value: 0n,
        valueDecimals: 0,
        tag1: "successRate",
        tag2: "badDelivery",
        isRevoked: false,
      },
    ]);
  });

  it("refuses to read without a client list (anyone can rate: every client is unbounded): InvalidParameterError", async () => {
    const base = { client: kit.publicClient, registry: kit.registry, agentId: kit.agentId };
    const error = await readAllFeedback({ ...base, clientAddresses: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as Error).message).toMatch(/Invalid clientAddresses: .*Expected at least one client address/);
    const omitted = { ...base } as unknown as Parameters<typeof readAllFeedback>[0];
    await expect(readAllFeedback(omitted)).rejects.toBeInstanceOf(InvalidParameterError);
  });

  it("filters by client, tags and revocation", async () => {
    const both = [kit.client.account.address, kit.client2.account.address];
    const read = (filter: Partial<Omit<Parameters<typeof readAllFeedback>[0], "client" | "registry" | "agentId">>) =>
      readAllFeedback({
        client: kit.publicClient,
        registry: kit.registry,
        agentId: kit.agentId,
        clientAddresses: both,
        ...filter,
      });
    expect((await read({ clientAddresses: [kit.client2.account.address] })).map((e) => e.tag2)).toEqual([
      "badDelivery",
    ]);
    expect((await read({ tag2: "noShow" })).map((e) => e.feedbackIndex)).toEqual([3n]);
    expect(await read({ tag1: "stars" })).toEqual([]);
    expect(await read({ tag1: "stars", includeRevoked: true })).toMatchObject([{ value: 4n, isRevoked: true }]);
    expect(await read({ clientAddresses: [kit.stranger.account.address] })).toEqual([]);
    expect(
      await readAllFeedback({
        client: kit.publicClient,
        registry: kit.registry,
        agentId: kit.agentId + 1_000n,
        clientAddresses: both,
      }),
    ).toEqual([]);
  });
});
