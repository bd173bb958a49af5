import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnCli } from "../helpers/runCli.ts";

const deploymentsDir = mkdtempSync(join(tmpdir(), "convergence-devnet-test-"));
afterAll(() => rmSync(deploymentsDir, { recursive: true, force: true }));

describe("convergence devnet", () => {
  it("runs chain, deployment and worker until Ctrl-C, prints where they are, then stops all of it", async () => {
    const child = spawnCli(["devnet", "--port", "0", "--worker-port", "0", "--json"], {
      env: { CONVERGENCE_DEPLOYMENTS_DIR: deploymentsDir },
    });
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
      accounts: { index: number; address: string; role: string; settings: string[] }[];
      contracts: Record<string, string>;
      model: { modelId: string };
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
    expect(ready.accounts).toHaveLength(6);
    expect(ready.accounts[3]).toMatchObject({
      address: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
      role: expect.stringMatching(/^publisher/),
      settings: expect.arrayContaining(["PUBLISHER_PRIVATE_KEY"]),
    });
    expect(ready.contracts.InferenceEscrow).toMatch(/^0x[0-9a-fA-F]{40}$/);
    const record = JSON.parse(readFileSync(join(deploymentsDir, "31337.json"), "utf8"));
    expect(record.contracts).toEqual(ready.contracts);
    const health = await (await fetch(`${ready.workerUrl}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", chainId: 31337, models: { "risk-v1": ready.model.modelId } });
    const chainId = await fetch(ready.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    }).then((r) => r.json() as Promise<{ result: string }>);
    expect(chainId.result).toBe("0x7a69");

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    process.off("exit", killOnExit);
    for (const url of [ready.rpcUrl, `${ready.workerUrl}/healthz`]) {
      await expect(fetch(url, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    }
    expect(existsSync(join(deploymentsDir, "31337.json"))).toBe(true);
  }, 240_000);
});
