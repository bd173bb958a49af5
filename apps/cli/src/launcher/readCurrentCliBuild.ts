import { readFileSync, realpathSync, statSync } from "node:fs";
import { cliBuildPaths } from "./cliBuildPaths.ts";
import { CLI_BUILD_RECORD_VERSION, type CliBuildRecord } from "./cliBuildRecord.ts";

export type ReadCurrentCliBuildParameters = {
  /** dist/build.json by default. */
  record?: string;
};

/** The record of the built CLI, or undefined when there is none or it is stale. */
export type ReadCurrentCliBuildReturnType = CliBuildRecord | undefined;

/**
 * The built CLI, if it is current: every file it was built from has the same mtime and size, and every package link
 * still points where it did. A `git pull`, an edit or a `pnpm install` that changed any of them makes it stale.
 * Costs a few hundred stat calls (a few milliseconds), on every start.
 *
 * @example
 * const build = readCurrentCliBuild() ?? (await buildCli());
 */
export function readCurrentCliBuild({
  record = cliBuildPaths.record,
}: ReadCurrentCliBuildParameters = {}): ReadCurrentCliBuildReturnType {
  let build: CliBuildRecord;
  try {
    build = JSON.parse(readFileSync(record, "utf8")) as CliBuildRecord;
  } catch {
    return undefined;
  }
  if (build.version !== CLI_BUILD_RECORD_VERSION) return undefined;
  for (const [path, mtimeMs, size] of [[build.entry, -1, -1] as const, ...build.files]) {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats === undefined) return undefined;
    if (mtimeMs !== -1 && (stats.mtimeMs !== mtimeMs || stats.size !== size)) return undefined;
  }
  for (const [path, target] of build.links) {
    try {
      if (realpathSync(path) !== target) return undefined;
    } catch {
      return undefined;
    }
  }
  return build;
}
