import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { findFreePort } from "@convergence/devnet";
import { workspaceRoot } from "@convergence/paths";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDashboard } from "../../apps/cli/src/web/serveDashboard.ts";
import type { DashboardConfig } from "../../apps/web/src/config/dashboardConfig.ts";
import { type LaunchBrowserReturnType, launchBrowser } from "../helpers/launchBrowser.ts";
import { runCli } from "../helpers/runCli.ts";
import { type SpawnDevnetReturnType, spawnDevnet } from "../helpers/spawnDevnet.ts";

// One devnet (chain, deployment, worker, dashboard: `convergence devnet` as a user runs it) and one Chromium for the
// file. Waits are safety nets: a job settled in 20-40 s alone and up to 120 s on a loaded 2-core machine.
const SETTLE_MS = 360_000;
const shots = join(workspaceRoot(), "test-results", "web");
mkdirSync(shots, { recursive: true });

let devnet: SpawnDevnetReturnType;
let browser: LaunchBrowserReturnType;
const pageErrors: string[] = [];

async function open(path: string, base = devnet.ready.dashboardUrl): Promise<Page> {
  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (error) => pageErrors.push(`${path}: ${error.message}`));
  await page.goto(`${base}${path}`);
  return page;
}

beforeAll(async () => {
  [devnet, browser] = await Promise.all([spawnDevnet(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await devnet?.stop();
});

describe("dashboard", () => {
  it("shows the empty state with the command to run, then a job opened from the CLI appears and reaches verified without a reload", async () => {
    const page = await open("/");
    await expect.poll(() => page.textContent("main"), { timeout: 60_000 }).toContain("No jobs yet");
    expect(await page.textContent("main")).toContain("pnpm -s convergence job open");
    await page.screenshot({ path: join(shots, "overview-empty.png") });
    await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));

    const job = runCli(["job", "open", "--input", "[0.5,-1.2,0.3,0,0.1,0,1,-0.5]", "--pay", "2", "--json"], devnet.env);
    const row = page.locator('[data-job-id="1"]');
    await row.waitFor({ timeout: SETTLE_MS });
    await page.locator('[data-job-id="1"][data-job-state="verified"]').waitFor({ timeout: SETTLE_MS });
    const opened = await job;
    expect(opened.code, opened.stderr).toBe(0);
    expect(JSON.parse(opened.stdout)).toMatchObject({ jobId: "1", model: "risk-v1" });
    // Same document: the page never reloaded.
    expect(await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await row.textContent()).toContain("risk-v1");
    await page.screenshot({ path: join(shots, "overview.png") });
    await page.close();
  });

  it("shows the job's attestation with its outputs labelled and valued, and its gas and prove time", async () => {
    const page = await open("/jobs/1");
    const outputs = page.getByTestId("outputs");
    await outputs.waitFor({ timeout: 60_000 });
    const labels = await outputs
      .locator("tr[data-output-label]")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-output-label")));
    expect(labels).toEqual(["low", "medium", "high"]);
    expect(await outputs.textContent()).toMatch(/-?\d+\.\d{4}/);
    const text = await page.textContent("main");
    expect(text).toMatch(/Gas[\d,]+/);
    expect(text).toMatch(/Prove time\d+\.\d s/);
    await page.close();
  });

  it("verifies the job's proof in the browser: valid as read from the chain, invalid once tampered, and refuses a key the chain does not pin", async () => {
    const page = await open("/jobs/1/proof");
    const input = page.getByTestId("proof-input");
    await expect.poll(() => input.inputValue(), { timeout: 60_000 }).toContain("pi_a");
    const names = await page.getByTestId("public-signals").textContent();
    expect(names).toContain("modelCommitment");
    expect(names).toContain("outputs[2] (high)");
    const verdict = page.getByTestId("verdict");
    const verifyNow = async () => {
      await page.getByRole("button", { name: "Verify in this browser" }).click();
      await page.locator('[data-testid="verdict"]:not([data-verdict="checking"])').waitFor({ timeout: 120_000 });
      return { verdict: await verdict.getAttribute("data-verdict"), text: await verdict.textContent() };
    };

    expect(await verifyNow()).toMatchObject({ verdict: "valid" });
    await page.screenshot({ path: join(shots, "proof-valid.png"), fullPage: true });

    const original = await input.inputValue();
    const proof = JSON.parse(original) as { proof: { pi_a: string[] }; publicSignals: string[] };
    // A liar changes the attested output (public signal 3): the pairing no longer holds.
    const outputForged = structuredClone(proof);
    outputForged.publicSignals[3] = (BigInt(outputForged.publicSignals[3]!) + 1n).toString();
    await input.fill(JSON.stringify(outputForged));
    expect(await verifyNow()).toMatchObject({ verdict: "invalid" });

    // A liar changes a proof point.
    const pointForged = structuredClone(proof);
    pointForged.proof.pi_a[0] = (BigInt(pointForged.proof.pi_a[0]!) + 1n).toString();
    await input.fill(JSON.stringify(pointForged));
    expect(await verifyNow()).toMatchObject({ verdict: "invalid" });

    // A liar shows a proof made for another job or another worker (public signal 2, the binding, differs): the page
    // checks it against the attestor's binding for this job's worker, as the chain did, and names it.
    const bindingForged = structuredClone(proof);
    bindingForged.publicSignals[2] = (BigInt(bindingForged.publicSignals[2]!) + 1n).toString();
    await input.fill(JSON.stringify(bindingForged));
    const binding = await verifyNow();
    expect(binding.verdict).toBe("invalid");
    expect(binding.text).toContain("binding");

    // A liar swaps in another model's commitment: named, not just "invalid".
    const modelForged = structuredClone(proof);
    modelForged.publicSignals[0] = "1";
    await input.fill(JSON.stringify(modelForged));
    const model = await verifyNow();
    expect(model.verdict).toBe("invalid");
    expect(model.text).toContain("modelCommitment");

    // A key whose hash is not the chain's is refused before anything is verified, even with the real proof.
    await input.fill(original);
    const key = page.getByTestId("key-input");
    const verificationKey = JSON.parse(await key.inputValue()) as { IC: string[][] };
    verificationKey.IC[0]![0] = "1";
    await key.fill(JSON.stringify(verificationKey, null, 2));
    const refused = await verifyNow();
    expect(refused.verdict).toBe("refused");
    expect(refused.text).toContain("not the model's key");
    await page.screenshot({ path: join(shots, "proof-refused.png"), fullPage: true });
    await page.close();
  });

  it("renders every page by its URL, and saves a screenshot of each", async () => {
    const pages: [string, string, string | string[]][] = [
      ["/", "overview", "Live flow"],
      ["/agents", "agents", "did:ethr:"],
      ["/agents/1", "agent", "EcdsaSecp256k1RecoveryMethod2020"],
      ["/jobs", "jobs", "verified"],
      ["/jobs/1", "job", "Attestation"],
      ["/jobs/1/proof", "proof", "Verify in this browser"],
      ["/models", "models", "active"],
      ["/market", "market", ["0.16 USDC", "0.01 USDC a call"]],
      ["/pool", "pool", "USDC per WETH"],
      ["/intent", "intent", "Intent"],
    ];
    for (const [path, name, expected] of pages) {
      const page = await open(path);
      for (const text of [expected].flat()) {
        await expect.poll(() => page.textContent("main"), { timeout: 60_000 }).toContain(text);
      }
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
      await page.close();
    }
    expect(pageErrors).toEqual([]);
  });

  it("says what to run when the chain is down, when nothing is deployed and when a worker is down", async () => {
    const config = (await (await fetch(`${devnet.ready.dashboardUrl}/config.json`)).json()) as DashboardConfig;
    const deadPort = await findFreePort();
    const cases: [string, Record<string, unknown>, string, string][] = [
      ["chain-down", { rpcUrl: `http://127.0.0.1:${deadPort}` }, "/", "Chain down"],
      [
        "nothing-deployed",
        { contracts: { InferenceEscrow: `0x${"11".repeat(20)}`, AgentRegistry: `0x${"22".repeat(20)}` } },
        "/",
        "Nothing deployed",
      ],
      ["worker-down", { workers: [`http://127.0.0.1:${deadPort}`] }, "/jobs", "Worker down"],
    ];
    for (const [name, change, path, title] of cases) {
      const dashboard = await serveDashboard({ port: 0, quiet: true, config: { ...config, ...change } });
      try {
        const page = await open(path, dashboard.url);
        const notice = page.locator(".notice", { hasText: title });
        await notice.waitFor({ timeout: 60_000 });
        expect(await notice.textContent()).toContain("pnpm convergence devnet");
        await page.screenshot({ path: join(shots, `${name}.png`) });
        await page.close();
      } finally {
        await dashboard.close();
      }
    }
  });
});
