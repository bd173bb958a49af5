import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devnetAccounts } from "@convergence/contracts";
import { convergenceHome } from "@convergence/paths";
import { quoteQuickInference } from "@convergence/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { spawnCli } from "../helpers/runCli.ts";

const deploymentsDir = mkdtempSync(join(tmpdir(), "convergence-devnet-test-"));
// The workers' stores go to a fresh CONVERGENCE_HOME; the zk keys are the machine's (shared cache).
const home = mkdtempSync(join(tmpdir(), "convergence-devnet-home-"));
mkdirSync(join(convergenceHome(), "zk"), { recursive: true });
symlinkSync(join(convergenceHome(), "zk"), join(home, "zk"));
afterAll(() => {
  rmSync(deploymentsDir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe("convergence devnet", () => {
  // Measured 33 s alone and 139 s beside the demo test and other suites on a loaded 2-core machine (two workers start
  // side by side); the timeout is 3x the latter.
  it("runs chain, deployment and two workers until Ctrl-C, prints where they are, then stops all of it", async () => {
    const child = spawnCli(
      [
        "devnet",
        "--port",
        "0",
        "--worker-port",
        "0",
        "--facilitator-port",
        "0",
        "--dashboard-port",
        "0",
        "--agent-port",
        "0",
        "--workers",
        "2",
        "--json",
      ],
      { env: { CONVERGENCE_DEPLOYMENTS_DIR: deploymentsDir, CONVERGENCE_HOME: home } },
    );
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    type Ready = {
      chainId: number;
      rpcUrl: string;
      workerUrl: string;
      dashboardUrl: string;
      agentUrl: string;
      accounts: { index: number; address: string; role: string; settings: string[] }[];
      contracts: Record<string, string>;
      model: { modelId: string };
      worker: { agentId: string; wallet: string };
      workers: { worker: number; url: string; agentId: string; wallet: string; accountIndex: number; price: string }[];
      facilitatorUrl: string;
      x402Price: string;
    };
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        if (stdout.trimEnd().endsWith("}")) {
          try {
            resolve(JSON.parse(stdout));
          } catch {}
        }
      });
      void exited.then((code) => reject(new Error(`devnet exited (${code}) before it was ready:\n${stderr}`)));
    });

    expect(ready.chainId).toBe(31337);
    expect(ready.accounts).toHaveLength(7);
    expect(ready.accounts[6]).toMatchObject({ index: 6, settings: ["FACILITATOR_PRIVATE_KEY"] });
    expect(ready.accounts[3]).toMatchObject({
      address: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
      role: expect.stringMatching(/^publisher/),
      settings: expect.arrayContaining(["PUBLISHER_PRIVATE_KEY"]),
    });
    expect(ready.contracts.InferenceEscrow).toMatch(/^0x[0-9a-fA-F]{40}$/);
    const record = JSON.parse(readFileSync(join(deploymentsDir, "31337.json"), "utf8"));
    expect(record.contracts).toEqual(ready.contracts);
    // Two workers, each its own account, agent, port and price (the second cheaper), both serving risk-v1.
    const [first, second] = ready.workers;
    expect(ready.workers).toHaveLength(2);
    expect(first).toMatchObject({ worker: 0, url: ready.workerUrl, agentId: ready.worker.agentId, accountIndex: 2 });
    expect(second).toMatchObject({ worker: 1, accountIndex: 7, wallet: devnetAccounts({ count: 8 })[7]!.address });
    expect(first!.wallet).toBe(devnetAccounts({ count: 3 })[2]!.address);
    expect(second!.agentId).not.toBe(first!.agentId);
    expect(second!.url).not.toBe(first!.url);
    expect([first!.price, second!.price]).toEqual(["0.17", "0.16"]);
    for (const worker of ready.workers) {
      const health = await (await fetch(`${worker.url}/healthz`)).json();
      expect(health).toMatchObject({ status: "ok", chainId: 31337, models: { "risk-v1": ready.model.modelId } });
      const models = await (await fetch(`${worker.url}/v1/models`)).json();
      expect(models).toMatchObject({ agentId: worker.agentId });
      // x402 on by default: a quick answer costs 0.01 USDC, settled by the devnet's facilitator.
      expect(await quoteQuickInference({ workerUrl: worker.url, modelId: "risk-v1" })).toMatchObject({
        price: 10_000n,
        payTo: worker.wallet,
        network: "eip155:31337",
      });
    }
    expect(ready.x402Price).toBe("0.01");
    expect(await (await fetch(`${ready.facilitatorUrl}/supported`)).json()).toMatchObject({
      kinds: [{ x402Version: 2, scheme: "exact", network: "eip155:31337" }],
    });
    expect(existsSync(join(home, "worker-1", "jobs.sqlite"))).toBe(true);
    const chainId = await fetch(ready.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    }).then((r) => r.json() as Promise<{ result: string }>);
    expect(chainId.result).toBe("0x7a69");
    // The dashboard: its page, and a /config.json naming this chain, this deployment and these workers.
    expect(ready.dashboardUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${ready.dashboardUrl}/jobs`)).text()).toContain('<div id="root">');
    expect(await (await fetch(`${ready.dashboardUrl}/config.json`)).json()).toEqual({
      rpcUrl: ready.rpcUrl,
      chainId: 31337,
      contracts: ready.contracts,
      fromBlock: record.startBlock,
      workers: ready.workers.map((w) => w.url),
      agentUrl: ready.agentUrl,
      facilitatorUrl: ready.facilitatorUrl,
    });
    // The agent endpoint for the dashboard's intent console, running in the devnet's process.
    expect(await (await fetch(`${ready.agentUrl}/health`)).json()).toMatchObject({ chainId: 31337 });

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    process.off("exit", killOnExit);
    for (const url of [
      ready.rpcUrl,
      ready.dashboardUrl,
      `${ready.agentUrl}/health`,
      ...ready.workers.map((w) => `${w.url}/healthz`),
    ]) {
      await expect(fetch(url, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    }
    expect(existsSync(join(deploymentsDir, "31337.json"))).toBe(true);
  }, 420_000);
});
