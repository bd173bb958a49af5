import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { devnetRoleAccount } from "@convergence/contracts";
import { loadModel } from "@convergence/models";
import { workspaceRoot } from "@convergence/paths";
import { Command } from "commander";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { registerZkCommand } from "./zk.ts";

let output = "";
beforeEach(() => {
  output = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

async function run(...args: string[]) {
  output = "";
  const program = new Command("convergence").exitOverride();
  registerZkCommand(program);
  await program.parseAsync(["node", "convergence", ...args]);
  return output;
}

describe("convergence zk setup", () => {
  it("installs risk-v1's published keys (no phase 2) and exports RiskV1Verifier", { timeout: 300_000 }, async () => {
    // A private CONVERGENCE_HOME: the shared cache's key stays as other processes loaded it.
    const home = mkdtempSync(join(tmpdir(), "cli-zk-risk-"));
    vi.stubEnv("CONVERGENCE_HOME", home);
    vi.stubEnv("PUBLISHER_PRIVATE_KEY", "");
    try {
      await setsUpRiskV1();
    } finally {
      vi.unstubAllEnvs();
      rmSync(home, { recursive: true, force: true });
    }
  });

  async function setsUpRiskV1() {
    const result = JSON.parse(await run("zk", "setup", "--model", "risk-v1", "--json"));
    expect(result).toMatchObject({
      model: "risk-v1",
      published: true,
      contributions: 2,
      ptau: { development: true, power: 14 },
    });
    // The release's signed contribution (packages/models/assets/risk-v1/keys), never a worker's.
    const { publishedKeys } = await loadModel({ name: "risk-v1" });
    const release = JSON.parse(readFileSync(join(publishedKeys!.dir, "setup.json"), "utf8"));
    expect(result.attestations).toEqual(release.attestations);
    expect(result.attestations.map((a: { contributor: string }) => a.contributor)).not.toContain(
      devnetRoleAccount({ role: "worker" }).address,
    );
    expect(result.circuit).toMatch(/^mlp_8_16_3_s8-[0-9a-f]{12}$/);
    expect(result.verifier.contractName).toBe("RiskV1Verifier");
    expect(result.verifier.paths.some((path: string) => path.endsWith("contracts/verifiers/RiskV1Verifier.sol"))).toBe(
      true,
    );
    expect(existsSync(result.zkey)).toBe(true);
    const again = JSON.parse(await run("zk", "setup", "--model", "risk-v1", "--json"));
    expect(again.cached).toBe(true);
    expect(again.circuit).toBe(result.circuit);
  }

  it("names a missing model and a missing ptau", async () => {
    await expect(run("zk", "setup", "--model", "no-such-model", "--json")).rejects.toThrowError(/no-such-model/);
    await expect(
      run("zk", "setup", "--model", "risk-v1", "--ptau", "/nonexistent.ptau", "--json"),
    ).rejects.toThrowError(/No powers-of-tau file at \/nonexistent\.ptau/);
  });
});

/** Runs the `convergence` CLI as a user does (its own process, the package's bin), in a private CONVERGENCE_HOME. */
function spawnCli(args: string[], env: Record<string, string | undefined>): Promise<SpawnedCli> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(workspaceRoot(), "apps/cli/src/bin.ts"), ...args], {
      cwd: workspaceRoot(),
      env: { ...process.env, FORCE_COLOR: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
type SpawnedCli = { code: number | null; stdout: string; stderr: string };

type VerifySetupJson = {
  valid: boolean;
  ptau: { development: boolean; label: string };
  contributions: { index: number; name: string; hash: string; contributor: string | null }[];
};

// A small circuit package (about 900 constraints) set up in a private CONVERGENCE_HOME: contributing changes a key,
// so these tests never touch the shared zk cache.
describe("convergence zk contribute and verify-setup (the CLI as a process)", () => {
  const example = join(workspaceRoot(), "circuits", "examples", "linear-threshold");
  const publisher = devnetRoleAccount({ role: "publisher" }).address;
  const contributorKey = generatePrivateKey();
  const contributor = privateKeyToAccount(contributorKey);
  let home: string;
  let env: Record<string, string | undefined>;
  let zkey: string;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "cli-zk-setup-"));
    env = { CONVERGENCE_HOME: home, PUBLISHER_PRIVATE_KEY: undefined, CONTRIBUTOR_PRIVATE_KEY: undefined };
    const setup = await spawnCli(["zk", "setup", "--circuit", example, "--json"], env);
    expect(setup.code, setup.stderr).toBe(0);
    const result = JSON.parse(setup.stdout);
    expect(result.attestations).toEqual([expect.objectContaining({ index: 1, contributor: publisher })]);
    zkey = result.zkey;
    expect(zkey.startsWith(home)).toBe(true);
  }, 180_000);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it("verify-setup: a valid key lists the publisher as its signed contributor, on the development ptau", async () => {
    const verified = await spawnCli(["zk", "verify-setup", "--circuit", example, "--json"], env);
    expect(verified.code, verified.stderr).toBe(0);
    const result = JSON.parse(verified.stdout) as VerifySetupJson;
    expect(result.valid).toBe(true);
    expect(result.ptau).toMatchObject({ development: true, label: expect.stringContaining("development ceremony") });
    expect(result.contributions).toEqual([
      expect.objectContaining({ index: 1, name: `convergence:${publisher}`, contributor: publisher }),
      expect.objectContaining({ index: 2, contributor: null }),
    ]);

    const human = await spawnCli(["zk", "verify-setup", "--circuit", example], env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toMatch(/snarkjs zkey verify: \d+ constraints/);
    expect(human.stdout).toContain("development ceremony");
    expect(human.stdout).toMatch(
      new RegExp(`#1 convergence:${publisher}\\s+0x[0-9a-f]{16}\\.\\.\\.\\s+signed by ${publisher}`),
    );
    expect(human.stdout).toMatch(/#2 .*unattributed/);
  }, 120_000);

  it("verify-setup exits 1 with a named error for a tampered key and for another circuit's key", async () => {
    const tampered = join(home, "tampered.zkey");
    const bytes = readFileSync(zkey);
    // Flip bytes in the middle of the key (the proving key's points), leaving the file's layout intact.
    for (let i = 0; i < 32; i += 1) bytes[Math.floor(bytes.length / 2) + i]! ^= 0xff;
    writeFileSync(tampered, bytes);
    const bad = await spawnCli(["zk", "verify-setup", "--circuit", example, "--zkey", tampered, "--json"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /Error: The proving key .*tampered\.zkey does not verify against circuit linear-threshold/,
    );

    // This package's key checked against another circuit's r1cs (risk-v1's, compiled here; no setup needed).
    const mismatched = await spawnCli(["zk", "verify-setup", "--model", "risk-v1", "--zkey", zkey, "--json"], env);
    expect(mismatched.code).toBe(1);
    expect(mismatched.stderr).toMatch(/Error: The proving key .* does not verify against circuit mlp_8_16_3_s8-/);
    expect(JSON.parse(mismatched.stdout)).toMatchObject({ valid: false });
  }, 180_000);

  it("contribute: a second signed contribution changes the verification key and is listed with its contributor", async () => {
    const vkeyBefore = readFileSync(join(home, "zk", basename(dirname(zkey)), "verification_key.json"), "utf8");
    const contributed = await spawnCli(["zk", "contribute", "--circuit", example, "--json"], {
      ...env,
      CONTRIBUTOR_PRIVATE_KEY: contributorKey,
    });
    expect(contributed.code, contributed.stderr).toBe(0);
    const result = JSON.parse(contributed.stdout);
    expect(result.contribution).toMatchObject({ index: 3, contributor: contributor.address });
    expect(result.warning).toMatch(/Register after contributing/);
    expect(readFileSync(result.verificationKey, "utf8")).not.toBe(vkeyBefore);

    const verified = await spawnCli(["zk", "verify-setup", "--circuit", example, "--json"], env);
    expect(verified.code, verified.stderr).toBe(0);
    const listed = JSON.parse(verified.stdout) as VerifySetupJson;
    expect(listed.valid).toBe(true);
    expect(listed.contributions.map((c) => c.contributor)).toEqual([publisher, null, contributor.address]);
  }, 180_000);

  it("risk-v1's published key: verify-setup lists the release's signed contributor; contributing to it needs --out", async () => {
    const setup = await spawnCli(["zk", "setup", "--model", "risk-v1", "--json"], env);
    expect(setup.code, setup.stderr).toBe(0);
    const installed = JSON.parse(setup.stdout);
    expect(installed.published).toBe(true);
    const { publishedKeys } = await loadModel({ name: "risk-v1" });
    const release = JSON.parse(readFileSync(join(publishedKeys!.dir, "setup.json"), "utf8")).attestations[0]
      .contributor;

    const verified = await spawnCli(["zk", "verify-setup", "--model", "risk-v1", "--json"], env);
    expect(verified.code, verified.stderr).toBe(0);
    const listed = JSON.parse(verified.stdout) as VerifySetupJson;
    expect(listed.valid).toBe(true);
    expect(listed.contributions.map((c) => c.contributor)).toEqual([release, null]);

    const before = readFileSync(installed.zkey);
    const refused = await spawnCli(["zk", "contribute", "--model", "risk-v1"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--out: .*published release key/);
    expect(readFileSync(installed.zkey).equals(before)).toBe(true);

    const copy = join(home, "mine", "risk-v1.zkey");
    mkdirSync(dirname(copy), { recursive: true });
    const contributed = await spawnCli(["zk", "contribute", "--model", "risk-v1", "--out", copy, "--json"], {
      ...env,
      CONTRIBUTOR_PRIVATE_KEY: contributorKey,
    });
    expect(contributed.code, contributed.stderr).toBe(0);
    expect(readFileSync(installed.zkey).equals(before)).toBe(true);
    const mine = await spawnCli(["zk", "verify-setup", "--model", "risk-v1", "--zkey", copy, "--json"], env);
    expect(mine.code, mine.stderr).toBe(0);
    const both = JSON.parse(mine.stdout) as VerifySetupJson;
    expect(both.valid).toBe(true);
    expect(both.contributions.map((c) => c.contributor)).toEqual([release, null, contributor.address]);
  }, 300_000);

  it("refuses a malformed CONTRIBUTOR_PRIVATE_KEY and a missing --model/--circuit, naming them, changing nothing", async () => {
    const before = readFileSync(zkey);
    const badKey = await spawnCli(["zk", "contribute", "--circuit", example], {
      ...env,
      CONTRIBUTOR_PRIVATE_KEY: "0x12",
    });
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/CONTRIBUTOR_PRIVATE_KEY.*expected 0x followed by 64 hex digits/);
    const neither = await spawnCli(["zk", "verify-setup"], env);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toMatch(/Invalid --model \/ --circuit.*exactly one of --model <name>/);
    expect(readFileSync(zkey).equals(before)).toBe(true);
  }, 60_000);
});
