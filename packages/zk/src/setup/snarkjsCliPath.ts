import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/**
 * The path of snarkjs' command-line entry (`build/cli.cjs`) of the version this package uses, for
 * cold-start comparisons and for people who want the CLI: `node <path> groth16 fullprove ...`.
 *
 * @example
 * spawnSync(process.execPath, [snarkjsCliPath(), "--version"])
 */
export function snarkjsCliPath(): string {
  return join(dirname(require.resolve("snarkjs")), "cli.cjs");
}
