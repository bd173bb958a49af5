import { accessSync, constants, existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";

export type FindChromiumParameters = {
  /** Default process.env: CHROMIUM_PATH, PATH, PLAYWRIGHT_BROWSERS_PATH. */
  env?: NodeJS.ProcessEnv;
  /** Where playwright-core expects its own Chromium (`chromium.executablePath()`); default: any in its cache. */
  playwrightExecutable?: string;
  /** Debian's Chromium (default /usr/bin/chromium). */
  systemChromium?: string;
};

export type FindChromiumReturnType =
  | { found: true; path: string; source: "CHROMIUM_PATH" | "system" | "PATH" | "playwright-cache" }
  | { found: false; reason: string };

/** How to get a Chromium for the dashboard's browser tests, for an error or `convergence doctor`. */
export const CHROMIUM_INSTALL_HINT =
  "Install one: `sudo apt-get install -y chromium` (Debian/Ubuntu; `.ci/run` does this as root), " +
  "or `pnpm exec playwright-core install chromium` where the network allows, " +
  "or set CHROMIUM_PATH to a Chromium or Chrome executable.";

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Any Chromium in Playwright's browser cache (PLAYWRIGHT_BROWSERS_PATH, else ~/.cache/ms-playwright). */
function inPlaywrightCache(env: NodeJS.ProcessEnv): string | undefined {
  const cache = env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), ".cache", "ms-playwright");
  if (!existsSync(cache)) return undefined;
  for (const folder of readdirSync(cache)
    .filter((name) => name.startsWith("chromium-"))
    .sort()
    .reverse()) {
    for (const build of ["chrome-linux64", "chrome-linux"]) {
      const candidate = join(cache, folder, build, "chrome");
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * The Chromium the dashboard's browser tests drive (test/helpers/launchBrowser.ts) and `convergence doctor` reports,
 * looked for in order: CHROMIUM_PATH, /usr/bin/chromium, `chromium-browser` then `chromium` on the PATH, Playwright's
 * browser cache. A CHROMIUM_PATH that is not an executable is not found (the setting is wrong; nothing else is tried).
 *
 * @example
 * const chromium = findChromium();
 * if (chromium.found) console.log(chromium.path);
 */
export function findChromium({
  env = process.env,
  playwrightExecutable,
  systemChromium = "/usr/bin/chromium",
}: FindChromiumParameters = {}): FindChromiumReturnType {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    return isExecutable(fromEnv)
      ? { found: true, path: fromEnv, source: "CHROMIUM_PATH" }
      : {
          found: false,
          reason: `CHROMIUM_PATH is ${fromEnv}, which is not an executable file. Expected the path of a Chromium or Chrome executable: fix or unset CHROMIUM_PATH.`,
        };
  }
  if (isExecutable(systemChromium)) return { found: true, path: systemChromium, source: "system" };
  for (const name of ["chromium-browser", "chromium"]) {
    for (const folder of (env.PATH ?? "").split(delimiter)) {
      if (folder && isExecutable(join(folder, name))) return { found: true, path: join(folder, name), source: "PATH" };
    }
  }
  const cached =
    playwrightExecutable === undefined
      ? inPlaywrightCache(env)
      : isExecutable(playwrightExecutable)
        ? playwrightExecutable
        : undefined;
  if (cached) return { found: true, path: cached, source: "playwright-cache" };
  return {
    found: false,
    reason:
      "no Chromium at CHROMIUM_PATH, /usr/bin/chromium, chromium-browser or chromium on the PATH, or in Playwright's cache.",
  };
}
