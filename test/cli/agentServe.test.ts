import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devnetAccounts, writeDeployment } from "@convergence/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, spawnCli } from "../helpers/runCli.ts";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";

/**
 * `convergence agent serve` as a user starts it (the README's command): it prints its endpoint, answers the dashboard's
 * origin and no other, and refuses to listen beyond 127.0.0.1. The runs themselves are tested at the HTTP level in
 * apps/cli/src/agentServer/startAgentServer.test.ts and in the browser in test/web/intentConsole.test.ts.
 */
describe("convergence agent serve", () => {
  let devnet: Devnet;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "agent-serve-cli-"));
    devnet = await startDevnet();
    writeDeployment({ deployment: devnet.deployment, dir });
    env = { CONVERGENCE_DEPLOYMENTS_DIR: dir, CONVERGENCE_HOME: join(dir, "home"), CONVERGENCE_RPC_URL: devnet.url };
  });
  afterAll(async () => {
    await devnet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("prints its endpoint, answers the allowed origin, refuses another, and stops on SIGTERM", async () => {
    const child = spawnCli(["agent", "serve", "--port", "0", "--allow-origin", "http://127.0.0.1:5999"], { env });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk) => {
          stdout += chunk;
          const match = /Agent endpoint: (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (match) resolve(match[1]!);
        });
        child.once("close", (code) => reject(new Error(`agent serve exited ${code}: ${stderr}`)));
      });
      expect(stdout).toContain(`agent ${devnetAccounts({ count: 2 })[1]!.address} on chain 31337`);
      expect(stdout).toContain("pages allowed to call it: http://127.0.0.1:5999");
      const health = await fetch(`${url}/health`, { headers: { origin: "http://127.0.0.1:5999" } });
      expect(health.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5999");
      expect(await health.json()).toEqual({ agent: devnetAccounts({ count: 2 })[1]!.address, chainId: 31337 });
      const other = await fetch(`${url}/runs`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://127.0.0.1:5173" },
        body: JSON.stringify({ intent: "wrap 1 ETH" }),
      });
      expect(other.status).toBe(403);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });

  it("refuses --host other than 127.0.0.1 and a malformed --allow-origin, saying what is expected", async () => {
    const host = await runCli(["agent", "serve", "--host", "0.0.0.0", "--port", "0"], env);
    expect(host.code).toBe(1);
    expect(host.stderr).toMatch(/Invalid --host: "0\.0\.0\.0"\. Expected 127\.0\.0\.1: .*SSH tunnel/);
    const origin = await runCli(["agent", "serve", "--allow-origin", "http://127.0.0.1:5173/"], env);
    expect(origin.code).toBe(1);
    expect(origin.stderr).toMatch(
      /Invalid --allow-origin: "http:\/\/127\.0\.0\.1:5173\/".*did you mean http:\/\/127\.0\.0\.1:5173\?/,
    );
  });
});
