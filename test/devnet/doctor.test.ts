import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startNode } from "@convergence/devnet";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/runCli.ts";

type Report = { ok: boolean; checks: { name: string; status: string; detail: string; fix?: string }[] };

describe("convergence doctor", () => {
  it("passes the toolchain and sees a deployed chain; warns with the fix when the chain was restarted", async () => {
    const env = { CONVERGENCE_DEPLOYMENTS_DIR: mkdtempSync(join(tmpdir(), "convergence-doctor-")) };
    const first = await startNode({ port: 0 });
    let port: number;
    try {
      port = first.port;
      expect((await runCli(["deploy", "--rpc", first.url], env)).code).toBe(0);
      const healthy = await runCli(["doctor", "--rpc", first.url, "--json"], env);
      const report = JSON.parse(healthy.stdout) as Report;
      expect(healthy.code).toBe(0);
      const status = Object.fromEntries(report.checks.map((c) => [c.name, c.status]));
      for (const name of ["node", "solc", "onnxruntime", "versions", "ptau", "zk tools", "chain", "deployment"]) {
        expect(status[name], name).toBe("ok");
      }
      expect(report.checks.filter((c) => c.status === "fail")).toEqual([]);
    } finally {
      await first.stop();
    }
    // A new node on the same port has none of the recorded contracts.
    const second = await startNode({ port });
    try {
      const stale = await runCli(["doctor", "--rpc", second.url, "--json"], env);
      const report = JSON.parse(stale.stdout) as Report;
      expect(stale.code).toBe(0);
      const deployment = report.checks.find((c) => c.name === "deployment");
      expect(deployment?.status).toBe("warn");
      expect(deployment?.detail).toContain("no code");
      expect(deployment?.fix).toContain("pnpm convergence deploy");
    } finally {
      await second.stop();
    }
  });
});
