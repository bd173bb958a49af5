import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.ts";
import { registerDeployCommand } from "./deploy.ts";

/** The option parsers refuse before anything connects: no chain is needed (and none would be touched). */
describe("convergence deploy options", () => {
  const run = (...args: string[]) => {
    const program = new Command("convergence").exitOverride();
    registerDeployCommand(program);
    // An RPC URL where nothing listens: reaching it would fail differently ("No JSON-RPC answer").
    return program.parseAsync(["node", "convergence", "deploy", "--rpc", "http://127.0.0.1:9", ...args]);
  };

  it.each([
    [["--seed-weth", "1e308"], /Invalid --seed-weth: "1e308"/],
    [["--seed-weth", "-1e308"], /Invalid --seed-weth: "-1e308"/],
    [["--seed-weth", "9".repeat(400)], /Invalid --seed-weth: .*a pool reserve is a uint112/],
    [["--seed-weth", "0"], /Invalid --seed-weth: "0". Expected a positive amount/],
    [["--seed-weth", "0.0000000000000000001"], /Invalid --seed-weth: .*at most 18 decimals/],
    [["--seed-usdc", "Infinity"], /Invalid --seed-usdc: "Infinity"/],
    [["--seed-usdc", "0.0000001"], /Invalid --seed-usdc: .*at most 6 decimals/],
    [["--seed-usdc", (2n ** 112n).toString()], /Invalid --seed-usdc: .*at most 5192296858534827628530496329\.220095/],
    [["--chain-id", "1e308"], /Invalid --chain-id: "1e308". Expected a positive integer chain id/],
    [["--chain-id", "Infinity"], /Invalid --chain-id/],
    [["--chain-id", "0"], /Invalid --chain-id/],
  ])("refuses %j, naming the option", async (args, message) => {
    const attempt = run(...args);
    await expect(attempt).rejects.toThrowError(InvalidArgumentError);
    await expect(attempt).rejects.toThrowError(message);
  });
});
