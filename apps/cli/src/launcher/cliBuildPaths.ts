import { join, resolve } from "node:path";

/** The CLI package (apps/cli): the build goes to its dist/, which git ignores. */
const cliDir = resolve(import.meta.dirname, "..", "..");

/** Where the built CLI lives: `dist/build-*` (bundles) and `dist/build.json` (the record of the current one). */
export const cliBuildPaths = {
  cliDir,
  entry: join(cliDir, "src", "bundleEntry.ts"),
  launcherDir: import.meta.dirname,
  distDir: join(cliDir, "dist"),
  record: join(cliDir, "dist", "build.json"),
  compileCache: join(cliDir, "dist", "compile-cache"),
} as const;
