import { describe, expect, it } from "vitest";
import { planIntent } from "./planIntent.ts";

// The OpenAI-compatible path is tested against a loopback server in test/openaiCompatible.test.ts.
describe("planIntent", () => {
  it("plans with the embedded model by default, conditions included", async () => {
    const plan = await planIntent({
      intent:
        "Get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low swap 100 USDC for WETH",
    });
    expect(plan.calls.map((c) => [c.name, c.condition?.text])).toEqual([
      ["request_verified_inference", undefined],
      ["swap_tokens", "risk == low"],
    ]);
  });
  it("returns refusals from the embedded model", async () => {
    expect((await planIntent({ intent: "swap 100 DOGE for WETH" })).refusal).toMatch(/DOGE/);
  });
});
