import { Command } from "commander";
import { registerAgentCommand } from "./commands/agent.ts";
import { registerChainCommand } from "./commands/chain.ts";
import { registerCircuitCommand } from "./commands/circuit.ts";
import { registerDemoCommand } from "./commands/demo.ts";
import { registerDeployCommand } from "./commands/deploy.ts";
import { registerDevnetCommand } from "./commands/devnet.ts";
import { registerDidCommand } from "./commands/did.ts";
import { registerDoctorCommand } from "./commands/doctor.ts";
import { registerJobCommand } from "./commands/job.ts";
import { registerModelCommand } from "./commands/model.ts";
import { registerProveCommand } from "./commands/prove.ts";
import { registerVerifyCommand } from "./commands/verify.ts";
import { registerZkCommand } from "./commands/zk.ts";

/** Builds the `convergence` command with every subcommand registered. */
export function createProgram(): Command {
  const program = new Command("convergence")
    .description("Agents with on-chain identity, stablecoin payments and zero-knowledge-verified inference.")
    .showHelpAfterError();
  registerAgentCommand(program);
  registerChainCommand(program);
  registerCircuitCommand(program);
  registerDemoCommand(program);
  registerDeployCommand(program);
  registerDevnetCommand(program);
  registerDidCommand(program);
  registerDoctorCommand(program);
  registerJobCommand(program);
  registerModelCommand(program);
  registerProveCommand(program);
  registerVerifyCommand(program);
  registerZkCommand(program);
  return program;
}
