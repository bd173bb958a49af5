import type { Command } from "commander";

/** One subcommand as the root `--help` lists it. */
export type CommandSummary = {
  name: string;
  /** The left column, e.g. `chain [options]`. */
  term: string;
  /** The right column: the summary, else the description. */
  description: string;
};

export type SummarizeCommandsParameters = {
  /** The program with every subcommand registered. */
  program: Command;
};

export type SummarizeCommandsReturnType = CommandSummary[];

/**
 * What the root `--help` says about each subcommand, in commander's own words, so that `createProgram` can list them
 * without loading them. The build records it beside the bundle; the commands' modules stay its only source.
 *
 * @example
 * const summaries = summarizeCommands({ program: await createProgram({ argv: ["node", "convergence", "--help"] }) });
 * // [{ name: "agent", term: "agent", description: "Turn English intents into tool calls on the chain." }, ...]
 */
export function summarizeCommands({ program }: SummarizeCommandsParameters): SummarizeCommandsReturnType {
  const help = program.createHelp();
  return program.commands.map((command) => ({
    name: command.name(),
    term: help.subcommandTerm(command),
    description: help.subcommandDescription(command),
  }));
}
