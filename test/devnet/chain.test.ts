import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "@convergence/devnet";
import { describe, expect, it } from "vitest";
import { runCli, spawnCli } from "../helpers/runCli.ts";

describe("convergence chain (pnpm chain)", () => {
  it("serves chain 31337 with the standard accounts until Ctrl-C, and a deploy against it succeeds", async () => {
    const port = await findFreePort();
    const child = spawnCli(["chain", "--port", String(port)]);
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await expect
        .poll(() => stdout, { timeout: 60_000, interval: 200 })
        .toContain(`listening at http://127.0.0.1:${port} (chain id 31337)`);
      expect(stdout).toContain("#0 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266  deployer, requester");
      expect(stdout).toContain("#2 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC  worker");
      expect(stdout).toMatch(/#3 0x90F79bf6EB2c4f870365E785982E1f101E93b906 {2}publisher .*PUBLISHER_PRIVATE_KEY/);
      expect(stdout).toContain("Next: pnpm convergence deploy");
      const deploy = await runCli(["deploy", "--rpc", `http://127.0.0.1:${port}`, "--json"], {
        CONVERGENCE_DEPLOYMENTS_DIR: mkdtempSync(join(tmpdir(), "convergence-chain-")),
      });
      expect(deploy.code).toBe(0);
      expect(JSON.parse(deploy.stdout).chainId).toBe(31337);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });

  it("rejects a port that is not a number, naming --port", async () => {
    const result = await runCli(["chain", "--port", "eighty"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Invalid --port: "eighty". Expected an integer from 0 to 65535');
  });
});
