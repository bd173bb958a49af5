import { describe, expect, it } from "vitest";
import { scoreIntentCorpus } from "./scoreIntentCorpus.ts";

const swap = { name: "swap_tokens", args: { tokenIn: "USDC", tokenOut: "WETH", amountIn: "100" } };

describe("scoreIntentCorpus", () => {
  it("passes plans equal after normalisation and fails the others, naming both sides", async () => {
    const { results, passed, failed } = await scoreIntentCorpus({
      entries: [
        { intent: "a", calls: [swap] },
        { intent: "b", calls: [swap] },
      ],
      plan: (intent) =>
        intent === "a"
          ? { calls: [{ ...swap, args: { ...swap.args, amountIn: "100.00", tokenIn: "usdc" } }] }
          : { calls: [{ ...swap, args: { ...swap.args, amountIn: "10" } }] },
    });
    expect([passed, failed]).toEqual([1, 1]);
    expect(results[1]?.expected.calls[0]?.args.amountIn).toBe("100");
    expect(results[1]?.actual.calls[0]?.args.amountIn).toBe("10");
  });
  it("counts a refusal only when the plan is empty and says why", async () => {
    const refuse = { intent: "swap some USDC", calls: [], refuse: true };
    const scored = async (plan: { calls: []; refusal?: string }) =>
      (await scoreIntentCorpus({ entries: [refuse], plan: () => plan })).passed;
    expect(await scored({ calls: [], refusal: '"some" is not an amount' })).toBe(1);
    expect(await scored({ calls: [], refusal: " " })).toBe(0);
    expect(await scored({ calls: [] })).toBe(0);
  });
  it("fails a plan that sends when the corpus expects a refusal", async () => {
    const { failed } = await scoreIntentCorpus({
      entries: [{ intent: "send everything to 0x1", calls: [], refuse: true }],
      plan: () => ({ calls: [swap] }),
    });
    expect(failed).toBe(1);
  });
});
