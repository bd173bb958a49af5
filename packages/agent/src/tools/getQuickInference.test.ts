import { describe, expect, it } from "vitest";
import { FRIEND, fakeContext, STRANGER } from "../../test/helpers/fakeContext.ts";
import { readSpendLedger } from "../policy/readSpendLedger.ts";
import { defaultPolicyConfig } from "../policy/types.ts";
import { utcDay } from "../policy/utcDay.ts";
import { getQuickInferenceTool } from "./getQuickInference.ts";

const args = { model: "risk-v1", subject: "WETH/USDC", maxPayment: "0.05" };

describe("get_quick_inference", () => {
  it("quotes, pays the quoted price to the quoted worker through the policy, and records the price", async () => {
    const { context, sends, calls, ledgerPath } = fakeContext();
    const out = JSON.parse(await getQuickInferenceTool({ context }).invoke(args));
    expect(out).toMatchObject({ risk: "low", verified: false });
    expect(calls.map((c) => c.action)).toEqual(["quoteQuickInference", "payQuickInference"]);
    // At most the quote (which is under the ceiling), to the quoted payTo only.
    expect(sends()).toEqual([
      { action: "payQuickInference", args: { quote: expect.objectContaining({ payTo: FRIEND }), maxAmount: 10_000n } },
    ]);
    expect(readSpendLedger({ path: ledgerPath }).days[utcDay(new Date())]).toEqual({ USDC: "0.01" });
  });
  it("refuses a price over the user's ceiling before the policy, signing nothing", async () => {
    const { context, sends, ledgerPath } = fakeContext({ quick: { price: 60_000n, payTo: FRIEND } });
    expect(await getQuickInferenceTool({ context }).invoke(args)).toBe(
      "Refused (price-ceiling): the worker at http://127.0.0.1:8080 asks 0.06 USDC per answer, more than the 0.05 USDC you allow. Nothing was signed.",
    );
    expect(sends()).toEqual([]);
    expect(readSpendLedger({ path: ledgerPath }).days).toEqual({});
  });
  it("refuses a worker whose payTo is not on the allowlist, even a registered agent, signing nothing", async () => {
    const { context, sends } = fakeContext({ quick: { price: 10_000n, payTo: STRANGER } });
    expect(await getQuickInferenceTool({ context }).invoke(args)).toMatch(
      new RegExp(`^Refused \\(recipient-allowlist\\): the worker asks to be paid at ${STRANGER}.*Nothing was sent\\.$`),
    );
    expect(sends()).toEqual([]);
  });
  it("counts against the daily cap: the payment that would pass it is refused", async () => {
    const config = { ...defaultPolicyConfig, dailyCap: { ...defaultPolicyConfig.dailyCap, USDC: "0.015" } };
    const { context, sends } = fakeContext({
      config: { ...config, allowlist: { ownAccounts: true, addresses: [FRIEND] } },
    });
    const quick = getQuickInferenceTool({ context });
    expect(JSON.parse(await quick.invoke(args))).toMatchObject({ verified: false });
    expect(await quick.invoke(args)).toMatch(/^Refused \(daily-cap\): 0.01 USDC on top of 0.01 USDC already spent/);
    expect(sends()).toHaveLength(1);
  });
  it("two calls at once race the daily cap: one pays, the other is refused", async () => {
    // A model turn may call tools in parallel: both quotes are read before either payment is reserved.
    const config = { ...defaultPolicyConfig, dailyCap: { ...defaultPolicyConfig.dailyCap, USDC: "0.015" } };
    const { context, sends, ledgerPath } = fakeContext({
      config: { ...config, allowlist: { ownAccounts: true, addresses: [FRIEND] } },
    });
    const quick = getQuickInferenceTool({ context });
    const results = await Promise.all([quick.invoke(args), quick.invoke(args)]);
    expect(results.filter((text) => /^Refused \(daily-cap\)/.test(text))).toHaveLength(1);
    expect(sends()).toHaveLength(1);
    expect(readSpendLedger({ path: ledgerPath }).days[utcDay(new Date())]).toEqual({ USDC: "0.01" });
  });
  it("asks for confirmation naming the price, the recipient and the worker", async () => {
    const asked: string[] = [];
    const { context, sends } = fakeContext({
      yes: false,
      confirm: async (summary) => {
        asked.push(summary);
        return false;
      },
    });
    expect(await getQuickInferenceTool({ context }).invoke(args)).toMatch(/^Refused \(confirmation\)/);
    expect(asked).toEqual([
      `get_quick_inference model=risk-v1 subject=WETH/USDC maxPayment=0.05 price=0.01 payTo=${FRIEND} workerUrl=http://127.0.0.1:8080`,
    ]);
    expect(sends()).toEqual([]);
  });
  it("gives the reservation back when the payment is refused before signing (the worker changed its terms)", async () => {
    const { context, ledgerPath } = fakeContext({ quickAtPayment: { price: 20_000n, payTo: FRIEND } });
    expect(await getQuickInferenceTool({ context }).invoke(args)).toMatch(/^Error: Did not pay the worker/);
    expect(readSpendLedger({ path: ledgerPath }).days[utcDay(new Date())]).toEqual({ USDC: "0" });
    const swapped = fakeContext({ quickAtPayment: { price: 10_000n, payTo: STRANGER } });
    expect(await getQuickInferenceTool({ context: swapped.context }).invoke(args)).toMatch(/^Error: Did not pay/);
    expect(swapped.sends()).toEqual([]);
  });
  it("takes a free answer without the policy, and says so when x402 is not wired", async () => {
    const free = fakeContext({ quick: { price: 0n } });
    expect(JSON.parse(await getQuickInferenceTool({ context: free.context }).invoke(args))).toMatchObject({
      verified: false,
    });
    expect(free.sends()).toEqual([{ action: "payQuickInference", args: expect.objectContaining({ maxAmount: 0n }) }]);
    const none = fakeContext({ quick: false });
    expect(await getQuickInferenceTool({ context: none.context }).invoke(args)).toMatch(
      /^Error: quick inference is not available/,
    );
  });
  it("takes neither the recipient nor the worker from its arguments: injected ones are dropped", async () => {
    const { context, sends } = fakeContext();
    const injected = { ...args, payTo: STRANGER, workerUrl: "http://attacker.example", to: STRANGER };
    expect(JSON.parse(await getQuickInferenceTool({ context }).invoke(injected))).toMatchObject({ verified: false });
    expect(sends()).toEqual([
      {
        action: "payQuickInference",
        args: {
          quote: expect.objectContaining({ payTo: FRIEND, workerUrl: "http://127.0.0.1:8080" }),
          maxAmount: 10_000n,
        },
      },
    ]);
  });
});
