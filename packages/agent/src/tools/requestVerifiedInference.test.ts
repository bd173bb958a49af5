import { describe, expect, it } from "vitest";
import { fakeContext } from "../../test/helpers/fakeContext.ts";
import { requestVerifiedInferenceTool } from "./requestVerifiedInference.ts";

const args = { model: "risk-v1", subject: "WETH/USDC", maxPayment: "2" };

describe("request_verified_inference", () => {
  it("pays through the policy and returns the attested output", async () => {
    const { context, sends } = fakeContext({ risk: "medium" });
    const out = JSON.parse(await requestVerifiedInferenceTool({ context }).invoke(args));
    expect(out.risk).toBe("medium");
    expect(sends()).toEqual([{ action: "requestVerifiedInference", args }]);
  });
  it("says so when inference is not wired, without sending", async () => {
    const { context, sends } = fakeContext({ inference: false });
    expect(await requestVerifiedInferenceTool({ context }).invoke(args)).toMatch(
      /^Error: verified inference is not available/,
    );
    expect(sends()).toEqual([]);
  });
  it("is refused over the cap", async () => {
    const { context } = fakeContext();
    expect(await requestVerifiedInferenceTool({ context }).invoke({ ...args, maxPayment: "5000" })).toMatch(
      /^Refused \(per-transaction-cap\)/,
    );
  });
});
