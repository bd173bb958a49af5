import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import { withFileLock } from "@convergence/zk";
import { runStep } from "../progress.ts";
import { dashboardAppDir } from "./dashboardAppDir.ts";
import { DashboardBuildError } from "./errors.ts";

export type EnsureDashboardBuildParameters = {
  /** No progress lines (--json). */
  quiet?: boolean;
  /** Build even when dist/ is current. */
  force?: boolean;
};
export type EnsureDashboardBuildReturnType = { distDir: string; built: boolean };

/** Newest modification time (ms) of the files under `dir`, skipping build outputs and dependencies. */
async function newestMtime(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestMtime(path) : (await stat(path)).mtimeMs);
  }
  return newest;
}

/**
 * Builds apps/web into apps/web/dist with `vite build` when dist/ is missing or older than the sources the page is made
 * of (apps/web and the browser entries' packages: contracts, sdk, zk), with progress on stderr, so a fresh clone serves
 * the dashboard without a separate build step.
 *
 * @example
 * const { distDir } = await ensureDashboardBuild();
 */
export async function ensureDashboardBuild({
  quiet = false,
  force = false,
}: EnsureDashboardBuildParameters = {}): Promise<EnsureDashboardBuildReturnType> {
  const { appDir, distDir } = dashboardAppDir();
  const index = join(distDir, "index.html");
  const current = async () => {
    if (!existsSync(index)) return false;
    const root = workspaceRoot();
    const sources = await Promise.all(
      [appDir, ...["contracts", "sdk", "zk"].map((pkg) => join(root, "packages", pkg, "src"))].map(newestMtime),
    );
    return (await stat(index)).mtimeMs >= Math.max(...sources);
  };
  if (!force && (await current())) return { distDir, built: false };
  // Two processes (two test files, a devnet and a bench) never build into dist/ at once: the second waits, then finds
  // the first one's build current.
  return withFileLock({
    path: join(appDir, ".dashboard-build.lock"),
    run: async () => {
      if (!force && (await current())) return { distDir, built: false };
      await build({ appDir, index, quiet });
      return { distDir, built: true };
    },
  });
}

async function build({ appDir, index, quiet }: { appDir: string; index: string; quiet: boolean }): Promise<void> {
  await runStep({
    title: "Building the dashboard (apps/web → apps/web/dist)",
    quiet,
    run: async (step) => {
      const vite = join(
        createRequire(join(appDir, "package.json")).resolve("vite/package.json"),
        "..",
        "bin",
        "vite.js",
      );
      let output = "";
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, [vite, "build", "--logLevel", "warn"], {
          cwd: appDir,
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, NO_COLOR: "1" },
        });
        const collect = (chunk: Buffer) => {
          output += chunk.toString();
          const last = output.trim().split("\n").at(-1);
          if (last) step.update(last.slice(0, 100));
        };
        child.stdout.on("data", collect);
        child.stderr.on("data", collect);
        child.once("error", reject);
        child.once("exit", resolve);
      }).catch((cause: unknown) => {
        throw new DashboardBuildError({ appDir, output, cause });
      });
      if (code !== 0 || !existsSync(index)) throw new DashboardBuildError({ appDir, output });
    },
  });
}
