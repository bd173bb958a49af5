import { Command } from "commander";

/** Builds the `convergence` command with every subcommand registered. */
export function createProgram(): Command {
  const program = new Command("convergence")
    .description("Agents with on-chain identity, stablecoin payments and zero-knowledge-verified inference.")
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
  return program;
}
