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
});
