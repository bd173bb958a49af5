import { intentCorpusPaths, normalizePlan, readIntentCorpus } from "@convergence/agent";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { registerAgentCommand } from "./agent.ts";

let output = "";
beforeEach(() => {
  output = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

async function run(...args: string[]) {
  const program = new Command("convergence").exitOverride();
  registerAgentCommand(program);
  await program.parseAsync(["node", "convergence", ...args]);
  return output;
}

describe("convergence agent plan", () => {
  it("prints the design's JSON format and sends nothing", async () => {
    const out = await run("agent", "plan", "swap 100 USDC for WETH", "--json", "--model", "embedded");
    expect(JSON.parse(out)).toEqual({
      calls: [{ name: "swap_tokens", args: { tokenIn: "USDC", tokenOut: "WETH", amountIn: "100" } }],
    });
  });
  it("prints readable steps with conditions", async () => {
    const out = await run(
      "agent",
      "plan",
      "Get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low swap 100 USDC for WETH",
      "--model",
      "embedded",
    );
    expect(out).toMatch(/^1\. request_verified_inference model=risk-v1 subject=WETH\/USDC maxPayment=2\n/);
    expect(out).toMatch(/2\. swap_tokens .*\(only if risk == low, from step 1\)/);
    expect(out).toMatch(/Nothing was sent/);
  });
  it("prints a refusal with no calls", async () => {
    const out = await run("agent", "plan", "swap some USDC for WETH", "--json", "--model", "embedded");
    expect(JSON.parse(out)).toMatchObject({ calls: [], refusal: expect.stringMatching(/"some" is not an amount/) });
  });
  it("fails on an unknown model, naming the accepted forms", async () => {
    await expect(run("agent", "plan", "wrap 1 ETH", "--model", "gpt-4")).rejects.toThrow(/openai:<model>/);
  });
  it("plans every line of the public corpus correctly, with the README's normalisation", async () => {
    for (const entry of readIntentCorpus({ path: intentCorpusPaths().public })) {
      output = "";
      const json = JSON.parse(await run("agent", "plan", entry.intent, "--json", "--model", "embedded"));
      expect(normalizePlan(json), entry.intent).toEqual(normalizePlan(entry));
    }
  });
});
