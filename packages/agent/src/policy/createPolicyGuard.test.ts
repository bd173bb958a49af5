import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CreatePolicyGuardParameters, createPolicyGuard, type GuardedCall } from "./createPolicyGuard.ts";
import { readSpendLedger } from "./readSpendLedger.ts";
import { defaultPolicyConfig } from "./types.ts";

const me = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const stranger = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const now = () => new Date("2026-03-01T12:00:00Z");

function setup(overrides: Partial<CreatePolicyGuardParameters> = {}) {
  const ledgerPath = join(mkdtempSync(join(tmpdir(), "guard-")), "spend-ledger.json");
  const simulated: GuardedCall[] = [];
  const guard = createPolicyGuard({
    config: defaultPolicyConfig,
    ledgerPath,
    ownAccounts: [me],
    simulate: async (call) => {
      simulated.push(call);
      return { ok: true };
    },
    yes: true,
    now,
    ...overrides,
  });
  const sent: string[] = [];
  const execute = async () => {
    sent.push("sent");
    return { hash: "0x01" };
  };
  return { guard, ledgerPath, simulated, sent, execute };
}

const transfer = (amount: string, to: `0x${string}` = me): GuardedCall => ({
  name: "transfer_tokens",
  args: { token: "USDC", amount, to },
  recipient: to,
});

describe("createPolicyGuard", () => {
  it("simulates, sends and records an allowed send", async () => {
    const { guard, ledgerPath, simulated, sent, execute } = setup();
    const outcome = await guard.enforce(transfer("5"), execute);
    expect(outcome).toEqual({ ok: true, result: { hash: "0x01" } });
    expect(simulated).toHaveLength(1);
    expect(sent).toEqual(["sent"]);
    expect(readSpendLedger({ path: ledgerPath }).days["2026-03-01"]).toEqual({ USDC: "5" });
  });
  it("reports each decision before sending", async () => {
    const decisions: string[] = [];
    const { guard, execute } = setup({
      onDecision: (call, d) => decisions.push(`${call.name}:${d.allowed ? "allowed" : d.violation.rule}`),
    });
    await guard.enforce(transfer("5"), execute);
    await guard.enforce(transfer("5000"), execute);
    expect(decisions).toEqual(["transfer_tokens:allowed", "transfer_tokens:per-transaction-cap"]);
  });
  it("refuses an over-cap transfer without simulating or sending", async () => {
    const { guard, simulated, sent, execute } = setup();
    const outcome = await guard.enforce(transfer("5000"), execute);
    expect(outcome).toMatchObject({ ok: false, violation: { rule: "per-transaction-cap" } });
    expect(simulated).toEqual([]);
    expect(sent).toEqual([]);
  });
  it("counts today's sends against the daily cap", async () => {
    const { guard, sent, execute } = setup();
    for (let i = 0; i < 5; i++) expect((await guard.enforce(transfer("1000"), execute)).ok).toBe(true);
    expect(await guard.enforce(transfer("1"), execute)).toMatchObject({ ok: false, violation: { rule: "daily-cap" } });
    expect(sent).toHaveLength(5);
  });
  it("refuses an unknown recipient", async () => {
    const { guard, sent, execute } = setup();
    const outcome = await guard.enforce(transfer("5", stranger), execute);
    expect(outcome).toMatchObject({ ok: false, violation: { rule: "recipient-allowlist" } });
    expect(sent).toEqual([]);
  });
  it("refuses too much slippage", async () => {
    const { guard, sent, execute } = setup();
    const swap = {
      name: "swap_tokens" as const,
      args: { tokenIn: "USDC", tokenOut: "WETH", amountIn: "10", maxSlippageBps: 300 },
    };
    expect(await guard.enforce(swap, execute)).toMatchObject({ ok: false, violation: { rule: "slippage-ceiling" } });
    expect(sent).toEqual([]);
  });
  it("refuses a send whose simulation reverts and shows the reason", async () => {
    const { guard, sent, execute } = setup({
      simulate: async () => ({ ok: false, reason: "ERC20InsufficientBalance(...)" }),
    });
    const outcome = await guard.enforce(transfer("5"), execute);
    expect(outcome).toEqual({
      ok: false,
      violation: { rule: "simulation", message: "the simulated send reverted: ERC20InsufficientBalance(...)" },
    });
    expect(sent).toEqual([]);
  });
  it("asks for confirmation unless yes, and refuses when declined or when no one can answer", async () => {
    const asked: string[] = [];
    const declined = setup({
      yes: false,
      confirm: async (summary) => {
        asked.push(summary);
        return false;
      },
    });
    expect(await declined.guard.enforce(transfer("5"), declined.execute)).toMatchObject({
      ok: false,
      violation: { rule: "confirmation" },
    });
    expect(asked[0]).toMatch(/^transfer_tokens token=USDC amount=5/);
    const unattended = setup({ yes: false });
    expect(await unattended.guard.enforce(transfer("5"), unattended.execute)).toMatchObject({
      ok: false,
      violation: { rule: "confirmation", message: expect.stringMatching(/--yes/) },
    });
    const approved = setup({ yes: false, confirm: async () => true });
    expect((await approved.guard.enforce(transfer("5"), approved.execute)).ok).toBe(true);
    expect([...declined.sent, ...unattended.sent]).toEqual([]);
  });
  it("holds the daily cap against six parallel sends: five go out, the sixth is refused by daily-cap", async () => {
    const { guard, ledgerPath, sent } = setup();
    // Each send yields to the event loop before it lands, as a real one does, so unserialized calls would
    // all read the ledger before any of them recorded.
    const slowSend = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent.push("sent");
      return { hash: "0x01" };
    };
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => guard.enforce(transfer("1000"), slowSend)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(5);
    expect(outcomes.filter((o) => !o.ok)).toEqual([
      { ok: false, violation: expect.objectContaining({ rule: "daily-cap" }) },
    ]);
    expect(sent).toHaveLength(5);
    expect(readSpendLedger({ path: ledgerPath }).days["2026-03-01"]).toEqual({ USDC: "5000" });
  });
  it("holds the cap across two guards on one ledger (two agents of one home)", async () => {
    const first = setup();
    const second = createPolicyGuard({
      config: defaultPolicyConfig,
      ledgerPath: first.ledgerPath,
      ownAccounts: [me],
      simulate: async () => ({ ok: true }),
      yes: true,
      now,
    });
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? second : first.guard).enforce(transfer("1000"), first.execute)),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(5);
    expect(first.sent).toHaveLength(5);
    expect(readSpendLedger({ path: first.ledgerPath }).days["2026-03-01"]).toEqual({ USDC: "5000" });
  });
  it("gives the reservation back when the simulation or the user refuses", async () => {
    const reverted = setup({ simulate: async () => ({ ok: false, reason: "ERC20InsufficientBalance(...)" }) });
    await reverted.guard.enforce(transfer("1000"), reverted.execute);
    expect(readSpendLedger({ path: reverted.ledgerPath }).days["2026-03-01"]).toEqual({ USDC: "0" });
    const declined = setup({ yes: false, confirm: async () => false });
    await declined.guard.enforce(transfer("1000"), declined.execute);
    expect(readSpendLedger({ path: declined.ledgerPath }).days["2026-03-01"]).toEqual({ USDC: "0" });
  });
  it("keeps a spend whose send went out even when a later step throws", async () => {
    let nonce = 7;
    const { guard, ledgerPath } = setup({ sentTransactionCount: async () => nonce });
    const paidThenFailed = async () => {
      nonce += 1; // the escrow job was opened and paid
      throw new Error("the model advertised one output; decoding the result failed");
    };
    await expect(guard.enforce(transfer("1000"), paidThenFailed)).rejects.toThrow(/decoding the result failed/);
    expect(readSpendLedger({ path: ledgerPath }).days["2026-03-01"]).toEqual({ USDC: "1000" });
  });
  it("releases a spend that throws before anything was broadcast, and keeps it when it cannot tell", async () => {
    const { guard, ledgerPath } = setup({ sentTransactionCount: async () => 7 });
    const neverSent = async () => {
      throw new Error("the RPC refused the transaction");
    };
    await expect(guard.enforce(transfer("1000"), neverSent)).rejects.toThrow(/refused/);
    expect(readSpendLedger({ path: ledgerPath }).days["2026-03-01"]).toEqual({ USDC: "0" });
    const blind = setup();
    await expect(blind.guard.enforce(transfer("1000"), neverSent)).rejects.toThrow(/refused/);
    expect(readSpendLedger({ path: blind.ledgerPath }).days["2026-03-01"]).toEqual({ USDC: "1000" });
  });
  it("counts a quick inference's quoted price against the caps and pays only an allowed worker", async () => {
    const quick = (price: string, payTo: `0x${string}`): GuardedCall => ({
      name: "get_quick_inference",
      args: { model: "risk-v1", subject: "WETH/USDC", maxPayment: "0.05", price, payTo },
      recipient: payTo,
    });
    const worker = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";
    const config = {
      ...defaultPolicyConfig,
      dailyCap: { ...defaultPolicyConfig.dailyCap, USDC: "0.03" },
      allowlist: { ownAccounts: true, addresses: [worker] },
    };
    const { guard, ledgerPath, sent, execute } = setup({ config });
    expect(await guard.enforce(quick("0.02", worker), execute)).toMatchObject({ ok: true });
    expect(readSpendLedger({ path: ledgerPath }).days["2026-03-01"]).toEqual({ USDC: "0.02" });
    // The price, not the ceiling, is what was spent: a second 0.02 is over the 0.03 daily cap.
    expect(await guard.enforce(quick("0.02", worker), execute)).toMatchObject({
      ok: false,
      violation: { rule: "daily-cap" },
    });
    const refused = await guard.enforce(quick("0.01", stranger), execute);
    expect(refused).toMatchObject({ ok: false, violation: { rule: "recipient-allowlist" } });
    expect(refused.ok ? "" : refused.violation.message).toContain(`add ${stranger} to allowlist.addresses`);
    expect(sent).toEqual(["sent"]);
  });
  it("keeps an x402 payment that throws unless the error proves nothing was signed", async () => {
    // The facilitator broadcasts an x402 payment: the agent's nonce never moves, so it cannot tell.
    const payTo = me;
    const call: GuardedCall = {
      name: "get_quick_inference",
      args: { model: "risk-v1", subject: "WETH/USDC", maxPayment: "0.05", price: "0.01", payTo },
      recipient: payTo,
    };
    class PriceTooHigh extends Error {}
    const nothingSigned = (error: unknown) => error instanceof PriceTooHigh;
    const { guard, ledgerPath } = setup({ sentTransactionCount: async () => 7 });
    await expect(
      guard.enforce(
        call,
        async () => {
          throw new PriceTooHigh("the worker now asks 0.06 USDC");
        },
        { nothingSigned },
      ),
    ).rejects.toThrow(/0.06/);
    expect(readSpendLedger({ path: ledgerPath }).days["2026-03-01"]).toEqual({ USDC: "0" });
    await expect(
      guard.enforce(
        call,
        async () => {
          throw new Error("the worker answered 500 after the payment settled");
        },
        { nothingSigned },
      ),
    ).rejects.toThrow(/500/);
    expect(readSpendLedger({ path: ledgerPath }).days["2026-03-01"]).toEqual({ USDC: "0.01" });
  });
});
