import { stripControlCharacters } from "./market/stripControlCharacters.ts";
import { createProgram } from "./program.ts";
import type { CommandSummary } from "./summarizeCommands.ts";

export type RunCliParameters = {
  /** The process arguments: node, script, subcommand, ... */
  argv: readonly string[];
  /** What `--help` lists, recorded by the build (see `createProgram`). */
  summaries?: readonly CommandSummary[];
};

/**
 * Runs the `convergence` command: parses `argv`, runs the subcommand, and turns an error into one line on stderr
 * (with the stack when CONVERGENCE_DEBUG is set) and exit code 1.
 *
 * @example
 * await runCli({ argv: process.argv });
 */
export async function runCli({ argv, summaries }: RunCliParameters): Promise<void> {
  try {
    await (await createProgram({ argv, ...(summaries ? { summaries } : {}) })).parseAsync([...argv]);
  } catch (error) {
    // An error may quote what a worker or a registration file said (NoWorkerAvailableError lists their reasons):
    // its control characters must not drive the terminal. Line breaks are the message's own.
    const message = (error instanceof Error ? error.message : String(error))
      .split("\n")
      .map((line) => stripControlCharacters({ text: line }))
      .join("\n");
    process.stderr.write(`Error: ${message}\n`);
    if (process.env.CONVERGENCE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  }
}
