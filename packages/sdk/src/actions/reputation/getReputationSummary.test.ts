import { beforeAll, describe, expect, it } from "vitest";
import { InvalidParameterError } from "../../errors/input.ts";
import { failureFeedback, successFeedback } from "./feedbackScheme.ts";
import { getReputationSummary } from "./getReputationSummary.ts";
import { giveFeedback } from "./giveFeedback.ts";
import { setupReputation } from "./reputationTestKit.ts";
import { revokeFeedback } from "./revokeFeedback.ts";

describe("getReputationSummary", () => {
  let kit: Awaited<ReturnType<typeof setupReputation>>;
  beforeAll(async () => {
    kit = await setupReputation();
  });
  const summary = (clients: `0x${string}`[]) =>
    getReputationSummary({ client: kit.publicClient, registry: kit.registry, agentId: kit.agentId, clients });
  const give = (client: typeof kit.client, feedback: ReturnType<typeof successFeedback>) =>
    giveFeedback({ client, registry: kit.registry, agentId: kit.agentId, ...feedback });

  it("has no rate and no latency before any trusted feedback", async () => {
    expect(await summary([kit.client.account.address])).toEqual({
      count: 0,
      successRate: undefined,
      medianLatencyMs: undefined,
    });
  });

  it("counts only trusted clients' unrevoked feedback: success rate and median latency", async () => {
    await give(kit.client, successFeedback({ latencyMs: 900 }));
    await give(kit.client, successFeedback({ latencyMs: 300 }));
    await give(kit.client, failureFeedback({ reason: "noShow" }));
    await give(kit.client, successFeedback({ latencyMs: 500 }));
    // A stranger floods the agent with failures: ignored unless trusted.
    await give(kit.stranger, failureFeedback({ reason: "noShow" }));
    await give(kit.stranger, failureFeedback({ reason: "noShow" }));
    const mine = kit.client.account.address;
    expect(await summary([mine])).toEqual({ count: 4, successRate: 75, medianLatencyMs: 500 });
    // The same address twice (any case) counts once.
    expect(await summary([mine, mine.toLowerCase() as `0x${string}`])).toEqual({
      count: 4,
      successRate: 75,
      medianLatencyMs: 500,
    });
    expect(await summary([mine, kit.stranger.account.address])).toEqual({
      count: 6,
      successRate: 50,
      medianLatencyMs: 500,
    });
    // A revoked feedback leaves both the rate and the latencies: two successes left, median between them.
    await revokeFeedback({ client: kit.client, registry: kit.registry, agentId: kit.agentId, feedbackIndex: 4n });
    expect(await summary([mine])).toEqual({ count: 3, successRate: 66, medianLatencyMs: 600 });
  });

  it("refuses an empty or malformed trusted-client list before reading", async () => {
    await expect(summary([])).rejects.toBeInstanceOf(InvalidParameterError);
    await expect(summary([])).rejects.toThrow(/clients.*at least the requester's own/);
    await expect(summary(["0x1234" as `0x${string}`])).rejects.toThrow(/clients: "0x1234"/);
  });
});
