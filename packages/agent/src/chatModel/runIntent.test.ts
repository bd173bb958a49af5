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
});
