import { enableCompileCache } from "node:module";
import { pathToFileURL } from "node:url";
import type * as BundleEntry from "../bundleEntry.ts";
import { cliBuildPaths } from "./cliBuildPaths.ts";
import { readCurrentCliBuild } from "./readCurrentCliBuild.ts";

export type LaunchCliParameters = {
  /** The process arguments: node, script, subcommand, ... */
  argv: readonly string[];
};

/**
 * Runs the `convergence` command from its build (apps/cli/dist/), building it first when there is none or the
 * sources, the launcher or the installed packages changed since. CONVERGENCE_CLI_FROM_SOURCE=1 runs the TypeScript
 * sources instead (slower to start: every subcommand for `--help`, each file stripped of its types).
 *
 * @example
 * await launchCli({ argv: process.argv });
 */
export async function launchCli({ argv }: LaunchCliParameters): Promise<void> {
  if (process.env.CONVERGENCE_CLI_FROM_SOURCE) {
    const { runCli } = await import("../runCli.ts");
    return runCli({ argv });
  }
  // V8's compiled code for the bundle and the packages it loads, kept in the build's own folder.
  enableCompileCache(cliBuildPaths.compileCache);
  let build = readCurrentCliBuild();
  if (build === undefined) {
    const { buildCli } = await import("./buildCli.ts");
    try {
      build = await buildCli();
    } catch (error) {
      process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
      return;
    }
  }
  if (process.env.CONVERGENCE_DEBUG) process.setSourceMapsEnabled(true);
  let bundle: typeof BundleEntry;
  try {
    bundle = (await import(pathToFileURL(build.entry).href)) as typeof BundleEntry;
  } catch (error) {
    // A build that does not load (a chunk removed under it, a folder another user built and this one cannot read):
    // build once more, and if that fails too, run from the sources rather than not at all.
    process.stderr.write(
      `convergence CLI: the build did not load (${(error as Error).message.split("\n")[0]}); rebuilding.\n`,
    );
    try {
      const { buildCli } = await import("./buildCli.ts");
      build = await buildCli();
      bundle = (await import(pathToFileURL(build.entry).href)) as typeof BundleEntry;
    } catch (rebuildError) {
      process.stderr.write(
        `convergence CLI: running from the TypeScript sources (slower to start): ${(rebuildError as Error).message.split("\n")[0]}\n`,
      );
      const { runCli } = await import("../runCli.ts");
      return runCli({ argv });
    }
  }
  await bundle.runCli({ argv, summaries: build.summaries });
}
