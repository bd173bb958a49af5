import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, join } from "node:path";
import { type Browser, chromium } from "playwright-core";

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

const installHint =
  "Install one: `apt-get install -y chromium` (Debian/Ubuntu, as root; `.ci/run` does this), " +
  "or `pnpm exec playwright-core install chromium` where the network allows, " +
  "or set CHROMIUM_PATH to a Chromium or Chrome executable.";

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
  const executablePath = findChromium() ?? installChromium();
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

function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv))
      throw new Error(
        `CHROMIUM_PATH is ${fromEnv}, which is not an executable file. Expected the path of a Chromium or Chrome ` +
          `executable. Fix or unset CHROMIUM_PATH. ${installHint}`,
      );
    return fromEnv;
  }
  if (isExecutable("/usr/bin/chromium")) return "/usr/bin/chromium";
  for (const name of ["chromium-browser", "chromium"]) {
    const onPath = whichSync(name);
    if (onPath) return onPath;
  }
  const cached = chromium.executablePath();
  if (cached && isExecutable(cached)) return cached;
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
      `or in Playwright's cache (${cached}). Tried: ${tried.join("; ")}. ${installHint}`,
  );
}

function whichSync(name: string): string | undefined {
  for (const folder of (process.env.PATH ?? "").split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
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
