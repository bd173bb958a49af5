import { existsSync } from "node:fs";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { registerZkCommand } from "./zk.ts";

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
  output = "";
  const program = new Command("convergence").exitOverride();
  registerZkCommand(program);
  await program.parseAsync(["node", "convergence", ...args]);
  return output;
}

describe("convergence zk setup", () => {
  it("sets up risk-v1 (once per shape) and exports RiskV1Verifier", { timeout: 300_000 }, async () => {
    const result = JSON.parse(await run("zk", "setup", "--model", "risk-v1", "--json"));
    expect(result).toMatchObject({ model: "risk-v1", contributions: 2, ptau: { development: true, power: 14 } });
    expect(result.circuit).toMatch(/^mlp_8_16_3_s8-[0-9a-f]{12}$/);
    expect(result.verifier.contractName).toBe("RiskV1Verifier");
    expect(result.verifier.paths.some((path: string) => path.endsWith("contracts/verifiers/RiskV1Verifier.sol"))).toBe(
      true,
    );
    expect(existsSync(result.zkey)).toBe(true);
    const again = JSON.parse(await run("zk", "setup", "--model", "risk-v1", "--json"));
    expect(again.cached).toBe(true);
    expect(again.circuit).toBe(result.circuit);
  });

  it("names a missing model and a missing ptau", async () => {
    await expect(run("zk", "setup", "--model", "no-such-model", "--json")).rejects.toThrowError(/no-such-model/);
    await expect(
      run("zk", "setup", "--model", "risk-v1", "--ptau", "/nonexistent.ptau", "--json"),
    ).rejects.toThrowError(/No powers-of-tau file at \/nonexistent\.ptau/);
  });
});
