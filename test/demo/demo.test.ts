import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/runCli.ts";

const hash = /^0x[0-9a-f]{64}$/;

describe("convergence demo", () => {
  // Measured 47 s alone and 151 s beside the devnet test and other suites on a loaded 2-core machine (two workers);
  // the timeout is 3x the latter.
  it("--json: the agent buys a risk score proven and verified on-chain, then acts on it; everything is stopped after", async () => {
    const result = await runCli(["demo", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.verified).toBe(true);
    expect(summary.validation.response).toBe(100);
    expect(summary.did).toMatch(/^did:ethr:0x7a69:0x[0-9a-fA-F]{40}$/);
    expect(BigInt(summary.agentId)).toBeGreaterThan(0n);
    expect(BigInt(summary.attestationId)).toBe(BigInt(summary.jobId));
    expect(["low", "medium", "high"]).toContain(summary.output.risk);
    expect(summary.output.values).toHaveLength(3);
    expect(summary.transactions.fulfil.hash).toMatch(hash);
    // The fulfil verifies a Groth16 proof on-chain (~200k gas for the pairing alone).
    expect(Number(summary.transactions.fulfil.gasUsed)).toBeGreaterThan(200_000);
    expect(summary.proofMs).toBeGreaterThan(0);
    // The swap is sent exactly when the attested risk meets the plan's condition.
    expect(summary.condition).toEqual({ text: "risk == low", met: summary.output.risk === "low" });
    // The job paid the chosen (cheapest) worker's price, 0.16 USDC, not the most the intent offered (2).
    expect(summary.paid).toBe("0.16");
    const paid = 0.16;
    if (summary.output.risk === "low") {
      expect(summary.swapTx).toMatch(hash);
      expect(Number(summary.balances.after.WETH)).toBeGreaterThan(Number(summary.balances.before.WETH));
      expect(Number(summary.balances.after.USDC)).toBeCloseTo(Number(summary.balances.before.USDC) - paid - 100, 6);
    } else {
      expect(summary.swapTx).toBeNull();
      expect(Number(summary.balances.after.USDC)).toBeCloseTo(Number(summary.balances.before.USDC) - paid, 6);
    }
    // Two workers competed: the agent's market choice was the cheaper one (the rule), it proved the job, and the agent
    // rated it on-chain (ERC-8004 feedback: successRate 100 with the latency).
    expect(summary.workers).toHaveLength(2);
    expect(new Set(summary.workers.map((w: { agentId: string }) => w.agentId)).size).toBe(2);
    const cheapest = summary.workers.find((w: { price: string }) => w.price === "0.16");
    expect(summary.choice.found).toHaveLength(2);
    expect(summary.choice.chosen).toMatchObject({ agentId: cheapest.agentId, why: expect.stringMatching(/cheapest/) });
    expect(summary.choice.fulfilledBy).toBe(cheapest.agentId);
    expect(summary.workerUrl).toBe(cheapest.url);
    expect(summary.choice.feedback).toEqual([
      { agentId: cheapest.agentId, value: "100", tag1: "successRate", tag2: expect.stringMatching(/^latencyMs:\d+$/) },
    ]);
    // The agent ran on a session key of its EIP-7702 account: the escrow's requester and the swap's sender are the
    // owner's account, the transactions were sent by the session key.
    expect(summary.session).toMatchObject({
      account: summary.agentWallet,
      key: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/),
    });
    expect(summary.session.key.toLowerCase()).not.toBe(summary.agentWallet.toLowerCase());
    for (const key of [
      "chain",
      "zkSetup",
      "registerModel",
      "facilitator",
      "worker",
      "agent",
      "session",
      "market",
      "discover",
      "showcase",
      "total",
    ]) {
      expect(summary.timingsMs[key], key).toBeGreaterThanOrEqual(0);
    }
    // x402 is on by default: the workers sold quick answers at 0.01 USDC through the demo's facilitator.
    expect(summary.x402).toEqual({
      facilitatorUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      price: "0.01",
    });
    // The node, the facilitator and the workers were stopped on exit.
    for (const url of [
      summary.rpcUrl,
      `${summary.x402.facilitatorUrl}/supported`,
      ...summary.workers.map((w: { url: string }) => `${w.url}/healthz`),
    ]) {
      await expect(fetch(url, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    }
  }, 480_000);

  it("an intent without a verified inference fails in the first step, named, before anything starts", async () => {
    const result = await runCli(["demo", "--json", "--intent", "swap 100 USDC for WETH"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('Demo step "Reading the intent" failed');
    expect(result.stderr).toContain("swap_tokens");
  });

  it("a bad flag is named", async () => {
    const unknown = await runCli(["demo", "--jsn"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("--jsn");
    const empty = await runCli(["demo", "--intent", " "]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("Invalid --intent");
  });
});
