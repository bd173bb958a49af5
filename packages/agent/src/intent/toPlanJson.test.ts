import { describe, expect, it } from "vitest";
import { parseIntent } from "./parseIntent.ts";
import { toPlanJson } from "./toPlanJson.ts";

describe("toPlanJson", () => {
  it("prints the design's format with conditions as text", () => {
    const plan = parseIntent({
      text: "Get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low swap 100 USDC for WETH",
    });
    expect(JSON.stringify(toPlanJson({ plan }))).toBe(
      '{"calls":[{"name":"request_verified_inference","args":{"model":"risk-v1","subject":"WETH/USDC","maxPayment":"2"},' +
        '"why":"verified: you said \\"verified\\", so the escrow pays only once a zero-knowledge proof is checked on-chain"},' +
        '{"name":"swap_tokens","args":{"tokenIn":"USDC","tokenOut":"WETH","amountIn":"100"},"condition":"risk == low"}]}',
    );
  });
  it("says which inference path each call takes and why", () => {
    const json = toPlanJson({
      plan: parseIntent({ text: "what is the risk of WETH/USDC right now, quick answer is fine, at most 0.05 USDC" }),
    });
    expect(json.calls).toEqual([
      {
        name: "get_quick_inference",
        args: { model: "risk-v1", subject: "WETH/USDC", maxPayment: "0.05" },
        why: 'quick: you said "quick answer", so an unproven answer paid per call over x402 (no escrow, no proof checked on-chain; nothing may depend on it)',
      },
    ]);
  });
  it("prints a refusal as no calls and the reason", () => {
    const json = toPlanJson({ plan: parseIntent({ text: "swap some USDC for WETH" }) });
    expect(json.calls).toEqual([]);
    expect(json.refusal).toMatch(/"some" is not an amount/);
  });
});
