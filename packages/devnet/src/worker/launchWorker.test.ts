import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEVNET_CHAIN_ID, devnetAccounts, writeDeployment } from "@convergence/contracts";
import { createWalletClient, http, publicActions } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployStack } from "../deploy/deployStack.ts";
import { WorkerStartError } from "../errors/worker.ts";
import { type StartNodeReturnType, startNode } from "../node/startNode.ts";
import { type LaunchWorkerReturnType, launchWorker } from "./launchWorker.ts";

/** The launcher against a real worker process (apps/worker/src/main.ts) on a real Hardhat node. */
describe("launchWorker", () => {
  let node: StartNodeReturnType;
  let dir: string;
  const launched: LaunchWorkerReturnType[] = [];
  const accounts = devnetAccounts({ count: 5 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "launch-worker-"));
    node = await startNode({ port: 0 });
    const client = createWalletClient({ account: accounts[0]!, chain: hardhat, transport: http(node.url) }).extend(
      publicActions,
    );
    writeDeployment({ deployment: await deployStack({ client, fund: accounts.map((a) => a.address) }), dir });
  });
  afterAll(async () => {
    for (const worker of launched) await worker.stop({ signal: "SIGKILL" });
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("resolves on the worker's readiness message with its url, port, agent, account and models; stop() ends it", async () => {
    const lines: string[] = [];
    const streams = new Set<string>();
    const worker = await launchWorker({
      rpcUrl: node.url,
      deploymentsDir: dir,
      dbPath: join(dir, "jobs.sqlite"),
      port: 0,
      onOutput: (line, stream) => {
        lines.push(line);
        streams.add(stream);
      },
    });
    launched.push(worker);

    expect(worker.port).toBeGreaterThan(0);
    expect(worker.url).toBe(`http://127.0.0.1:${worker.port}`);
    expect(worker.chainId).toBe(DEVNET_CHAIN_ID);
    // The worker signs with the third devnet account unless given WORKER_PRIVATE_KEY.
    expect(worker.account).toBe(accounts[2]!.address);
    expect(worker.models.map((m) => m.name)).toEqual(["risk-v1"]);
    // What the worker itself serves agrees with what it announced.
    const health = (await (await fetch(`${worker.url}/healthz`)).json()) as {
      agentId: string;
      worker: string;
      models: Record<string, string>;
    };
    expect(health.worker).toBe(worker.account);
    expect(BigInt(health.agentId)).toBe(worker.agentId);
    expect(Object.fromEntries(worker.models.map((m) => [m.name, String(m.modelId)]))).toEqual(health.models);
    // Output lines reach the callback, the human start-up line included.
    expect(lines).toContain(
      `Worker listening on ${worker.url}: agent ${worker.agentId}, wallet ${worker.account}, chain 31337, serving risk-v1 (model ${worker.models[0]!.modelId}); registration file ${worker.url}/.well-known/agent-registration.json`,
    );
    expect(worker.output()).toContain("Worker listening on");
    // The log is on stderr, the start-up line on stdout.
    expect([...streams].sort()).toEqual(["stderr", "stdout"]);

    expect(await worker.stop()).toEqual({ code: 0, signal: null });
    expect(worker.output()).toMatch(/draining reason=SIGTERM/);
    await expect(fetch(`${worker.url}/healthz`)).rejects.toThrow();
    // A second stop is harmless and reports the same exit.
    expect(await worker.stop()).toEqual({ code: 0, signal: null });
  });

  it("stop({ signal: 'SIGKILL' }) ends a worker at once", async () => {
    const worker = await launchWorker({ rpcUrl: node.url, deploymentsDir: dir, dbPath: join(dir, "killed.sqlite") });
    launched.push(worker);
    expect(await worker.stop({ signal: "SIGKILL" })).toEqual({ code: null, signal: "SIGKILL" });
    expect(worker.output()).not.toMatch(/draining/);
  });

  it("a worker that fails at start (no deployment record) rejects with WorkerStartError naming the cause and its output", async () => {
    const empty = mkdtempSync(join(tmpdir(), "launch-worker-empty-"));
    try {
      const error = await launchWorker({ rpcUrl: node.url, deploymentsDir: empty, dbPath: join(empty, "jobs.sqlite") })
        .then(() => undefined)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkerStartError);
      const startError = error as WorkerStartError;
      expect(startError.shortMessage).toBe(
        "The inference worker did not become ready: the process exited (code 1) before it was ready.",
      );
      expect(startError.output).toContain(`No deployment record for chain 31337 at ${join(empty, "31337.json")}`);
      expect(startError.message).toContain("No deployment record for chain 31337");
      expect(startError.message).toContain("pnpm worker");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("a worker that is not ready within readyTimeoutMs rejects with WorkerStartError, and is stopped", async () => {
    const marker = `launch-worker-test-${process.pid}-${Date.now()}`;
    const error = await launchWorker({
      rpcUrl: node.url,
      deploymentsDir: dir,
      dbPath: join(dir, "slow.sqlite"),
      env: { LAUNCH_WORKER_TEST_MARKER: marker },
      // Loading TypeScript alone takes longer than this: the worker cannot be ready in time.
      readyTimeoutMs: 50,
    })
      .then(() => undefined)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkerStartError);
    expect((error as WorkerStartError).shortMessage).toBe(
      "The inference worker did not become ready: no readiness message within 0.05 s.",
    );
    expect((error as WorkerStartError).message).toContain("readyTimeoutMs");
    // The launcher rejects only once the process it started has ended.
    expect(processesWithEnv(`LAUNCH_WORKER_TEST_MARKER=${marker}`)).toEqual([]);
  });
});

/** Pids of this user's live processes whose environment holds the entry (Linux /proc). */
function processesWithEnv(entry: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, "utf8").split("\0").includes(entry)) pids.push(Number(name));
    } catch {
      // Gone meanwhile, or another user's.
    }
  }
  return pids;
}
