/**
 * `tsx scripts/dashboardScreenshot.ts`: the README's picture of the dashboard (docs/images/dashboard.png), taken from a
 * real devnet: `convergence devnet` as a user runs it, three jobs opened with `convergence job open` and settled, then
 * the overview page in headless Chromium. Run it again when the overview changes; the image must stay under 500 kB.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import { launchBrowser } from "../test/helpers/launchBrowser.ts";
import { runCli } from "../test/helpers/runCli.ts";
import { spawnDevnet } from "../test/helpers/spawnDevnet.ts";

const out = join(workspaceRoot(), "docs", "images", "dashboard.png");
const devnet = await spawnDevnet();
const browser = await launchBrowser();
try {
  const inputs = [
    [0.5, -1.2, 0.3, 0, 0.1, 0, 1, -0.5],
    [-1.5, 1.8, 1.2, 0.4, -0.9, -1.1, -0.6, 1.3],
    [0.2, -0.4, 0.1, 0.3, 0, 0.2, 0.5, -0.2],
  ];
  for (const input of inputs) {
    const opened = await runCli(["job", "open", "--input", JSON.stringify(input), "--pay", "1", "--json"], devnet.env);
    if (opened.code !== 0) throw new Error(`job open failed: ${opened.stderr}`);
  }
  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(devnet.ready.dashboardUrl);
  await page.waitForSelector(`[data-job-id="${inputs.length}"][data-job-state="verified"]`, { timeout: 120_000 });
  await page.waitForSelector("text=Last proofs");
  await page.screenshot({ path: out });
  process.stdout.write(`${out}: ${Math.round(statSync(out).size / 1024)} kB\n`);
} finally {
  await browser.close();
  await devnet.stop();
}
