import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/runCli.ts";

// `convergence workers` as users run it (the built CLI). The listing on a live chain with two workers is tested in
// apps/cli/src/commands/workers.test.ts; here, what a person sees when an argument is wrong: exit 1 and one line
// that names the argument and what was expected.
describe("convergence workers: bad arguments", () => {
  it.each([
    [["workers", "list"], "error: required option '--model <name>' not specified"],
    [
      ["workers", "list", "--model", "risk-v1", "--trust-clients", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8,bob"],
      'Invalid --trust-clients entry: "bob". Expected comma-separated 0x addresses',
    ],
    [["workers", "list", "--model", "risk-v1", "--reputation-floor", "120"], 'Invalid --reputation-floor: "120"'],
    [["workers", "list", "--model", "risk-v1", "--pay", "0.0000001"], 'Invalid --pay: "0.0000001"'],
    [
      [
        "workers",
        "respond",
        "--agent",
        "x",
        "--client",
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "--index",
        "1",
        "--uri",
        "u",
      ],
      'Invalid --agent: "x". Expected an ERC-8004 agent id',
    ],
    [["workers", "respond", "--agent", "1"], "error: required option '--client <address>' not specified"],
    [["devnet", "--workers", "9"], 'Invalid --workers: "9". Expected a whole number of workers from 1 to 8'],
  ])("%j", async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
  });

  it("names the RPC URL when no chain answers there", async () => {
    const probe = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => probe.once("listening", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const result = await runCli(["workers", "list", "--model", "risk-v1", "--rpc", `http://127.0.0.1:${port}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`No JSON-RPC answer from http://127.0.0.1:${port}`);
  });
});
