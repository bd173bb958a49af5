import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convergenceHome } from "@convergence/paths";
import { sha256File } from "@convergence/zk";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PublishedKeyMismatchError, ZkSetupMissingError } from "../errors/bootstrap.ts";
import { loadServedModels } from "../inference/loadServedModels.ts";
import type { Served, ServedModel } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";
import { ensureZkSetup } from "./ensureZkSetup.ts";

const log: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe("ensureZkSetup: the worker never runs phase 2", () => {
  let home: string;
  let model: Served;
  let riskV1: ServedModel;
  beforeAll(async () => {
    const loaded = (await loadServedModels({ names: ["risk-v1"], home: convergenceHome() })).get("risk-v1")!;
    if (loaded.kind !== "mlp") throw new Error("risk-v1 is an MLP");
    // Without the published keys it may ship: these tests never install anything into the shared zk cache.
    const { publishedKeys: _, ...withoutKeys } = loaded;
    riskV1 = withoutKeys;
    // risk-v1's weights and circuit, as a model that ships no published key (an imported one): only the cache could
    // hold its key.
    model = { ...riskV1, manifest: { ...riskV1.manifest, keys: undefined } as typeof riskV1.manifest };
    // A machine where nobody ran the setup: an empty zk cache.
    home = mkdtempSync(join(tmpdir(), "worker-zk-"));
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(home, { recursive: true, force: true });
  });

  it("with no key in the zk cache, stops with ZkSetupMissingError naming the publisher's command, and makes no key", async () => {
    vi.stubEnv("CONVERGENCE_HOME", home);
    const error = await ensureZkSetup({ model, log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZkSetupMissingError);
    expect((error as Error).message).toContain("convergence zk setup --model risk-v1");
    expect((error as Error).message).toContain("publisher");
    // The circuit was compiled (deterministic), but no proving key was made.
    const [dir] = readdirSync(join(home, "zk"));
    expect(dir).toMatch(/^mlp_8_16_3_s8-/);
    expect(existsSync(join(home, "zk", dir!, "main.r1cs"))).toBe(true);
    expect(existsSync(join(home, "zk", dir!, "circuit_final.zkey"))).toBe(false);
    vi.unstubAllEnvs();
  });

  /** risk-v1 as if its manifest pinned a published key with this vkeyHash (no key folder to install from). */
  const pinnedTo = (vkeyHash: string): Served => {
    return { ...riskV1, manifest: { ...riskV1.manifest, keys: { vkeyHash } } as typeof riskV1.manifest };
  };

  it("serves a model whose manifest pins a published key only with that key (the repository's zk cache, read only)", async () => {
    const loaded = await ensureZkSetup({ model: model, log });
    const vkeyHash = `0x${await sha256File({ path: loaded.verificationKeyPath })}`;
    expect((await ensureZkSetup({ model: pinnedTo(vkeyHash), log })).zkey).toBe(loaded.zkey);
    const other = `0x${"ab".repeat(32)}`;
    const error = await ensureZkSetup({ model: pinnedTo(other), log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishedKeyMismatchError);
    expect((error as Error).message).toContain(`expected vkeyHash ${other}`);
    expect((error as Error).message).toContain(`the cache holds ${vkeyHash}`);
    expect((error as Error).message).toContain("convergence zk setup --model risk-v1");
  });
});
