import { describe, expect, it } from "vitest";
import { fakeContext, ME } from "../../test/helpers/fakeContext.ts";
import { runIntent } from "./runIntent.ts";

describe("runIntent", () => {
  it("streams each call, its result and the answer, in order", async () => {
    const { context } = fakeContext();
    const seen: string[] = [];
    const { events, answer } = await runIntent({
      intent: `wrap 0.5 ETH then send 5 USDC to ${ME}`,
      context,
      onEvent: (e) => seen.push(e.type),
    });
    expect(seen).toEqual(["call", "result", "call", "result", "answer"]);
    expect(events[0]).toEqual({ type: "call", name: "wrap_eth", args: { amount: "0.5" } });
    expect(events[1]).toMatchObject({ type: "result", name: "wrap_eth", ok: true });
    expect(answer).toMatch(/^Done\./);
  });
  it("reports a policy refusal as a failed result and stops", async () => {
    const { context, sends } = fakeContext();
    const { events } = await runIntent({ intent: "wrap 50 ETH then wrap 1 ETH", context });
    expect(events.map((e) => e.type)).toEqual(["call", "result", "answer"]);
    expect(events[1]).toMatchObject({ ok: false, text: expect.stringMatching(/^Refused \(per-transaction-cap\)/) });
    expect(sends()).toEqual([]);
  });
  it("answers a refusal with no calls", async () => {
    const { context } = fakeContext();
    const { events } = await runIntent({ intent: "swap some USDC for WETH", context });
    expect(events).toEqual([{ type: "answer", text: expect.stringMatching(/nothing will be sent/) }]);
  });
  it("runs a quick-answer intent through get_quick_inference, and a price over the ceiling signs nothing", async () => {
    const intent = "what is the risk of WETH/USDC right now, quick answer is fine, at most 0.05 USDC";
    const { context, sends } = fakeContext();
    const { events, answer } = await runIntent({ intent, context });
    expect(events[0]).toEqual({
      type: "call",
      name: "get_quick_inference",
      args: { model: "risk-v1", subject: "WETH/USDC", maxPayment: "0.05" },
    });
    expect(events[1]).toMatchObject({ ok: true, text: expect.stringContaining('"verified":false') });
    expect(answer).toMatch(/^Done\./);
    expect(sends()).toHaveLength(1);
    const dear = fakeContext({ quick: { price: 50_000_001n } });
    const refused = await runIntent({ intent, context: dear.context });
    expect(refused.events[1]).toMatchObject({ ok: false, text: expect.stringMatching(/^Refused \(price-ceiling\)/) });
    expect(dear.sends()).toEqual([]);
  });
});
