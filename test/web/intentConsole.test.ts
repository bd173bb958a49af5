import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { usdcAbi, wethAbi } from "@convergence/contracts";
import { workspaceRoot } from "@convergence/paths";
import type { Page } from "playwright-core";
import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartAgentServerReturnType, startAgentServer } from "../../apps/cli/src/agentServer/startAgentServer.ts";
import { type ServeDashboardReturnType, serveDashboard } from "../../apps/cli/src/web/serveDashboard.ts";
import { type LaunchBrowserReturnType, launchBrowser } from "../helpers/launchBrowser.ts";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";

const SCREENSHOTS = join(workspaceRoot(), "test-results", "web");

/** A port nothing listens on right now (the dashboard's, chosen before the agent endpoint that must allow it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The intent console in a real Chromium against a live chain: the page talks to `convergence agent serve`
 * (startAgentServer, the real agent with its policy), a confirmation is answered with the page's buttons, and the
 * chain shows what was (or was not) sent.
 */
describe("the dashboard's intent console", () => {
  let devnet: Devnet;
  let home: string;
  let agent: StartAgentServerReturnType;
  let dashboard: ServeDashboardReturnType;
  let browser: LaunchBrowserReturnType;
  const agentAddress = () => devnet.accounts[1]!.address;
  const wethOf = () =>
    devnet.publicClient.readContract({
      address: devnet.deployment.contracts.WETH,
      abi: wethAbi,
      functionName: "balanceOf",
      args: [agentAddress()],
    });
  const usdcOf = () =>
    devnet.publicClient.readContract({
      address: devnet.deployment.contracts.USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [agentAddress()],
    });
  const sentCount = () => devnet.publicClient.getTransactionCount({ address: agentAddress() });
  const config = (agentUrl: string | null) => ({
    rpcUrl: devnet.url,
    chainId: 31337,
    contracts: devnet.deployment.contracts,
    fromBlock: devnet.deployment.startBlock,
    workers: [],
    agentUrl,
  });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    home = mkdtempSync(join(tmpdir(), "intent-console-"));
    devnet = await startDevnet();
    const dashboardPort = await freePort();
    agent = await startAgentServer({
      rpcUrl: devnet.url,
      chainId: 31337,
      account: devnet.accounts[1]!,
      contracts: devnet.deployment.contracts,
      home,
      workerUrl: null,
      port: 0,
      allowedOrigins: [`http://127.0.0.1:${dashboardPort}`],
    });
    dashboard = await serveDashboard({ port: dashboardPort, config: config(agent.url), quiet: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    await agent?.close();
    await devnet?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  async function runIntent(page: Page, intent: string) {
    await page.goto(`${dashboard.url}/intent`);
    await page.getByText(`Agent ${agentAddress()}`, { exact: false }).waitFor();
    await page.getByLabel("Intent").fill(intent);
    await page.getByRole("button", { name: "Plan and run" }).click();
  }

  it("plans a typed intent, sends it once its confirmation is approved with the button, and it settles on chain", async () => {
    const page = await browser.browser.newPage();
    try {
      const before = await wethOf();
      await runIntent(page, "wrap 0.25 ETH");
      await expect.poll(() => page.getByTestId("plan").textContent()).toContain("wrap_eth amount=0.25");
      const confirmation = page.getByTestId("confirmation");
      await confirmation.getByText("Send wrap_eth amount=0.25?").waitFor();
      expect(await wethOf()).toBe(before);
      await confirmation.getByRole("button", { name: "Approve" }).click();
      const done = page.getByTestId("run-done");
      await done.waitFor();
      expect(await done.getAttribute("data-ok")).toBe("true");
      expect(await page.locator('[data-step="wrap_eth"]').textContent()).toContain("✔ wrap_eth");
      expect(await confirmation.locator("[data-answer]").getAttribute("data-answer")).toBe("approved");
      expect(await wethOf()).toBe(before + parseEther("0.25"));
      await page.screenshot({ path: join(SCREENSHOTS, "intent-console-approved.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("asks each send of a two-step intent in turn: the first approved, the second refused, only the first is on chain", async () => {
    const page = await browser.browser.newPage();
    try {
      const [weth, usdc] = [await wethOf(), await usdcOf()];
      await runIntent(page, "wrap 0.1 ETH then swap 0.1 WETH for USDC");
      await expect
        .poll(() => page.getByTestId("plan").locator("li").allTextContents())
        .toEqual(["wrap_eth amount=0.1", "swap_tokens tokenIn=WETH tokenOut=USDC amountIn=0.1"]);
      const confirmations = page.getByTestId("confirmation");
      await confirmations.nth(0).getByRole("button", { name: "Approve" }).click();
      await confirmations.nth(1).getByText("Send swap_tokens", { exact: false }).waitFor();
      expect(await confirmations.nth(0).locator("[data-answer]").getAttribute("data-answer")).toBe("approved");
      await confirmations.nth(1).getByRole("button", { name: "Refuse" }).click();
      await page.getByTestId("run-done").waitFor();
      expect(await page.getByTestId("run-done").getAttribute("data-ok")).toBe("false");
      expect(await wethOf()).toBe(weth + parseEther("0.1"));
      expect(await usdcOf()).toBe(usdc);
      await page.screenshot({ path: join(SCREENSHOTS, "intent-console-two-steps.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("shows why the plan chose each inference path, and a quick answer no worker sells sends nothing", async () => {
    const page = await browser.browser.newPage();
    try {
      const [usdc, sent] = [await usdcOf(), await sentCount()];
      await runIntent(page, "what is the risk of WETH/USDC right now, quick answer is fine, at most 0.05 USDC");
      await expect
        .poll(() => page.getByTestId("plan").textContent())
        .toContain('why: quick: you said "quick answer", so an unproven answer paid per call over x402');
      await page.getByTestId("run-done").waitFor();
      // This chain has no worker: nothing to quote, so nothing is signed or sent.
      expect(await page.getByTestId("run-done").getAttribute("data-ok")).toBe("false");
      expect(await usdcOf()).toBe(usdc);
      expect(await sentCount()).toBe(sent);
      await page.screenshot({ path: join(SCREENSHOTS, "intent-console-why.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("a confirmation refused with the button sends nothing", async () => {
    const page = await browser.browser.newPage();
    try {
      const [weth, sent] = [await wethOf(), await sentCount()];
      await runIntent(page, "wrap 0.5 ETH");
      const confirmation = page.getByTestId("confirmation");
      await confirmation.getByRole("button", { name: "Refuse" }).click();
      const done = page.getByTestId("run-done");
      await done.waitFor();
      expect(await done.getAttribute("data-ok")).toBe("false");
      expect(await confirmation.textContent()).toContain("Refused: nothing was sent.");
      expect(await page.locator('[data-decision="refused"]').textContent()).toContain("refused (confirmation)");
      expect(await wethOf()).toBe(weth);
      expect(await sentCount()).toBe(sent);
      await page.screenshot({ path: join(SCREENSHOTS, "intent-console-refused.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("says the endpoint is down and the command that starts it, when nothing answers", async () => {
    const down = await serveDashboard({ port: 0, config: config(`http://127.0.0.1:${await freePort()}`), quiet: true });
    const page = await browser.browser.newPage();
    try {
      await page.goto(`${down.url}/intent`);
      const notice = page.getByRole("alert");
      await notice.getByText("The agent endpoint is down").waitFor();
      expect(await notice.textContent()).toContain("pnpm convergence agent serve --allow-origin http://127.0.0.1:");
      await page.screenshot({ path: join(SCREENSHOTS, "intent-console-down.png"), fullPage: true });
    } finally {
      await page.close();
      await down.close();
    }
  });
});
