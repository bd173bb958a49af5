import { describe, expect, it } from "vitest";
import { spawnCli } from "../helpers/runCli.ts";

describe("convergence demo --ui", () => {
  // A demo run (measured 47 s alone, 151 s on a loaded 2-core machine) plus the checks; the timeout is 3x the latter.
  it("serves the dashboard over the demo's chain and workers, keeps it all up after the demo, and stops it on Ctrl-C", async () => {
    const child = spawnCli(["demo", "--ui", "--dashboard-port", "0", "--json"]);
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const summary = await new Promise<{
      verified: boolean;
      jobId: string;
      rpcUrl: string;
      dashboardUrl: string;
      workers: { url: string }[];
    }>((resolve, reject) => {
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        try {
          resolve(JSON.parse(stdout));
        } catch {}
      });
      void exited.then((code) => reject(new Error(`demo --ui exited (${code}) before its summary:\n${stderr}`)));
    });
    expect(summary.verified).toBe(true);
    expect(summary.dashboardUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // After the demo: the dashboard serves the job's page and a config naming the demo's chain and both workers.
    expect(await (await fetch(`${summary.dashboardUrl}/jobs/${summary.jobId}`)).text()).toContain('<div id="root">');
    const config = (await (await fetch(`${summary.dashboardUrl}/config.json`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      rpcUrl: summary.rpcUrl,
      chainId: 31337,
      workers: summary.workers.map((w) => w.url),
    });
    const chainId = await fetch(summary.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    }).then((r) => r.json() as Promise<{ result: string }>);
    expect(chainId.result).toBe("0x7a69");
    for (const worker of summary.workers) expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    process.off("exit", killOnExit);
    for (const url of [summary.dashboardUrl, summary.rpcUrl, ...summary.workers.map((w) => `${w.url}/healthz`)]) {
      await expect(fetch(url, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    }
  }, 480_000);
});
