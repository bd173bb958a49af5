import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convergenceHome } from "@convergence/paths";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZkSetupMissingError } from "../errors/bootstrap.ts";
import { loadServedModels } from "../inference/loadServedModels.ts";
import type { Served } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";
import { ensureZkSetup } from "./ensureZkSetup.ts";

const log: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe("ensureZkSetup: the worker never runs phase 2", () => {
  let home: string;
  let model: Served;
  beforeAll(async () => {
    const riskV1 = (await loadServedModels({ names: ["risk-v1"], home: convergenceHome() })).get("risk-v1")!;
    if (riskV1.kind !== "mlp") throw new Error("risk-v1 is an MLP");
    // risk-v1's weights and circuit, as a model that ships no published key (an imported one): only the cache could
    // hold its key.
    model = { ...riskV1, manifest: { ...riskV1.manifest, keys: undefined } as typeof riskV1.manifest };
    // A machine where nobody ran the setup: an empty zk cache.
    home = mkdtempSync(join(tmpdir(), "worker-zk-"));
    vi.stubEnv("CONVERGENCE_HOME", home);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(home, { recursive: true, force: true });
  });

  it("with no key in the zk cache, stops with ZkSetupMissingError naming the publisher's command, and makes no key", async () => {
    const error = await ensureZkSetup({ model, log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZkSetupMissingError);
    expect((error as Error).message).toContain("convergence zk setup --model risk-v1");
    expect((error as Error).message).toContain("publisher");
    // The circuit was compiled (deterministic), but no proving key was made.
    const [dir] = readdirSync(join(home, "zk"));
    expect(dir).toMatch(/^mlp_8_16_3_s8-/);
    expect(existsSync(join(home, "zk", dir!, "main.r1cs"))).toBe(true);
    expect(existsSync(join(home, "zk", dir!, "circuit_final.zkey"))).toBe(false);
  });
});
