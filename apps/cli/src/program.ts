import { Command } from "commander";

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
  job: async () => (await import("./commands/job.ts")).registerJobCommand,
  model: async () => (await import("./commands/model.ts")).registerModelCommand,
  prove: async () => (await import("./commands/prove.ts")).registerProveCommand,
  verify: async () => (await import("./commands/verify.ts")).registerVerifyCommand,
  zk: async () => (await import("./commands/zk.ts")).registerZkCommand,
};

export type CreateProgramParameters = {
  /** The process arguments (node, script, subcommand, ...). Only the named subcommand is loaded; without one, or
   * for `--help` or an unknown name, every subcommand is (the help and the "unknown command" answer list them). */
  argv?: readonly string[];
};

/**
 * Builds the `convergence` command with the subcommand `argv` names registered, or all of them.
 *
 * @example
 * await (await createProgram({ argv: process.argv })).parseAsync(process.argv);
 */
export async function createProgram({ argv = process.argv }: CreateProgramParameters = {}): Promise<Command> {
  const program = new Command("convergence")
    .description("Agents with on-chain identity, stablecoin payments and zero-knowledge-verified inference.")
    .showHelpAfterError();
  const name = argv[2];
  const names = name !== undefined && Object.hasOwn(commands, name) ? [name] : Object.keys(commands);
  for (const register of await Promise.all(names.map((n) => commands[n]!()))) register(program);
  return program;
}
