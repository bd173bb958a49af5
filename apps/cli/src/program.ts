import { Command, Help } from "commander";
import type { CommandSummary } from "./summarizeCommands.ts";

type RegisterCommand = (program: Command) => void;

/**
 * Each subcommand's module, imported only when that subcommand runs: the agent's LangChain stack, onnxruntime and
 * snarkjs take seconds to load, and `convergence did resolve` or `convergence deploy` should not wait for them.
 */
const commands: Record<string, () => Promise<RegisterCommand>> = {
  agent: async () => (await import("./commands/agent.ts")).registerAgentCommand,
  chain: async () => (await import("./commands/chain.ts")).registerChainCommand,
  circuit: async () => (await import("./commands/circuit.ts")).registerCircuitCommand,
  demo: async () => (await import("./commands/demo.ts")).registerDemoCommand,
  deploy: async () => (await import("./commands/deploy.ts")).registerDeployCommand,
  devnet: async () => (await import("./commands/devnet.ts")).registerDevnetCommand,
  did: async () => (await import("./commands/did.ts")).registerDidCommand,
  doctor: async () => (await import("./commands/doctor.ts")).registerDoctorCommand,
  facilitator: async () => (await import("./commands/facilitator.ts")).registerFacilitatorCommand,
  job: async () => (await import("./commands/job.ts")).registerJobCommand,
  model: async () => (await import("./commands/model.ts")).registerModelCommand,
  prove: async () => (await import("./commands/prove.ts")).registerProveCommand,
  verify: async () => (await import("./commands/verify.ts")).registerVerifyCommand,
  workers: async () => (await import("./commands/workers.ts")).registerWorkersCommand,
  zk: async () => (await import("./commands/zk.ts")).registerZkCommand,
};

/** Every subcommand's name, in the order `--help` lists them. */
export const COMMAND_NAMES: readonly string[] = Object.keys(commands);

export type CreateProgramParameters = {
  /** The process arguments (node, script, subcommand, ...). Only the named subcommand is loaded (for `help <name>`
   * too); without one, or for `--help` or an unknown name, every subcommand is listed (the help and the "unknown
   * command" answer list them). */
  argv?: readonly string[];
  /** What `--help` lists for every subcommand, from `summarizeCommands` at build time. With it, listing the
   * subcommands loads none of them; without it (running from source), all of them are loaded to be listed. */
  summaries?: readonly CommandSummary[];
};

/**
 * Builds the `convergence` command with the subcommand `argv` names registered, or all of them (as summaries when
 * `summaries` is given). Parse the same `argv` with it.
 *
 * @example
 * await (await createProgram({ argv: process.argv })).parseAsync(process.argv);
 */
export async function createProgram({
  argv = process.argv,
  summaries,
}: CreateProgramParameters = {}): Promise<Command> {
  const program = new Command("convergence")
    .description("Agents with on-chain identity, stablecoin payments and zero-knowledge-verified inference.")
    .showHelpAfterError();
  const isCommand = (name: string | undefined): name is string => name !== undefined && Object.hasOwn(commands, name);
  // `help <name>` prints that subcommand's own help, which only its module can give.
  const name = argv[2] === "help" && isCommand(argv[3]) ? argv[3] : argv[2];
  if (isCommand(name)) {
    (await commands[name]!())(program);
  } else if (summaries === undefined) {
    for (const register of await Promise.all(COMMAND_NAMES.map((n) => commands[n]!()))) register(program);
  } else {
    listSummaries({ program, argv, summaries });
  }
  return program;
}

/**
 * Registers a placeholder per subcommand that the root help lists exactly as the real one (same term, same
 * description) and that, should commander still dispatch to it (`convergence -- did ...`), loads the real
 * subcommand and parses `argv` again.
 */
function listSummaries({
  program,
  argv,
  summaries,
}: {
  program: Command;
  argv: readonly string[];
  summaries: readonly CommandSummary[];
}): void {
  const terms = new Map(summaries.map((summary) => [summary.name, summary.term]));
  program.configureHelp({
    subcommandTerm(command) {
      return terms.get(command.name()) ?? Help.prototype.subcommandTerm.call(this, command);
    },
  });
  for (const summary of summaries) {
    program
      .command(summary.name)
      .description(summary.description)
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .action(async () => {
        const real = await createProgram({ argv: [argv[0] ?? "node", argv[1] ?? "convergence", summary.name] });
        await real.parseAsync([...argv]);
      });
  }
}
