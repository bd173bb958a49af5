import type { CommandSummary } from "../summarizeCommands.ts";

/** dist/build.json: the current bundle and everything it was built from, to tell when it is stale. */
export type CliBuildRecord = {
  version: typeof CLI_BUILD_RECORD_VERSION;
  /** The bundle's entry file (absolute). */
  entry: string;
  /** Every source file bundled, and the launcher's own files: path, mtimeMs and size when read. */
  files: [path: string, mtimeMs: number, size: number][];
  /** Every node_modules link the bundle resolved a package through, and its target then: a `pnpm install` that
   * changes a dependency's version moves the link. */
  links: [path: string, target: string][];
  /** What the root `--help` lists, from the built commands themselves. */
  summaries: CommandSummary[];
};

export const CLI_BUILD_RECORD_VERSION = 1;
