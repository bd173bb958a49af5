import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { CHROMIUM_INSTALL_HINT, findChromium } from "../../apps/cli/src/doctor/findChromium.ts";

export type LaunchBrowserReturnType = {
  browser: Browser;
  /** The Chromium executable launched. */
  executablePath: string;
  close(): Promise<void>;
};

/** Flags for a headless Chromium in a container or CI runner: no sandbox (root), no GPU, no network of its own. */
const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches a headless Chromium through playwright-core for the browser tests. Looks, in order, at `CHROMIUM_PATH`,
 * `/usr/bin/chromium`, `chromium-browser` (and `chromium`) on the PATH, Playwright's own browser cache; then tries
 * `playwright install chromium`, then `apt-get install -y chromium` when running as root on Debian; else throws an
 * error naming how to install one.
 *
 * @example
 * const { browser, close } = await launchBrowser();
 * const page = await browser.newPage();
 * await close();
 */
export async function launchBrowser(): Promise<LaunchBrowserReturnType> {
  const executablePath = findExisting() ?? installChromium();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: chromiumFlags,
  });
  let closed: Promise<void> | undefined;
  return {
    browser,
    executablePath,
    close() {
      closed ??= browser.close();
      return closed;
    },
  };
}

function findExisting(): string | undefined {
  const found = findChromium({ playwrightExecutable: chromium.executablePath() });
  if (found.found) return found.path;
  // A wrong CHROMIUM_PATH is a setting to fix, not a reason to install another browser.
  if (process.env.CHROMIUM_PATH) throw new Error(`${found.reason} ${CHROMIUM_INSTALL_HINT}`);
  return undefined;
}

function installChromium(): string {
  const tried: string[] = [];
  const cli = join(dirname(createRequire(import.meta.url).resolve("playwright-core/package.json")), "cli.js");
  const playwright = spawnSync(process.execPath, [cli, "install", "chromium"], {
    stdio: "pipe",
    encoding: "utf8",
    timeout: 600_000,
  });
  const cached = chromium.executablePath();
  if (playwright.status === 0 && cached && isExecutable(cached)) return cached;
  tried.push(`\`playwright install chromium\` failed: ${lastLine(playwright.stderr || playwright.stdout)}`);

  if (process.getuid?.() === 0 && existsSync("/etc/debian_version")) {
    try {
      process.stderr.write("launchBrowser: no Chromium found; installing Debian's chromium with apt-get\n");
      execFileSync("apt-get", ["update", "-qq"], { stdio: "pipe", timeout: 600_000 });
      execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
        stdio: "pipe",
        timeout: 1_200_000,
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
      if (isExecutable("/usr/bin/chromium")) return "/usr/bin/chromium";
      tried.push("`apt-get install -y chromium` ran but /usr/bin/chromium is missing");
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString();
      tried.push(`\`apt-get install -y chromium\` failed: ${lastLine(stderr || String(error))}`);
    }
  } else {
    tried.push("apt-get skipped (needs root on Debian)");
  }
  throw new Error(
    `No Chromium for the browser tests: none at CHROMIUM_PATH, /usr/bin/chromium, chromium-browser on the PATH ` +
      `or in Playwright's cache (${cached}). Tried: ${tried.join("; ")}. ${CHROMIUM_INSTALL_HINT}`,
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function lastLine(text: string | undefined): string {
  const lines = (text ?? "").trim().split("\n");
  return lines[lines.length - 1] || "no output";
}
