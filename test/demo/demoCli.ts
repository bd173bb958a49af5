// The `convergence` program with `demo` and `devnet` registered whether or not apps/cli/src/program.ts registers them
// yet, and bin.ts's error handling: a process exactly as `pnpm demo` runs it. (A file, not `node -e`: snarkjs'
// worker threads inherit an `-e` script as their own entry.)
import { registerDemoCommand } from "../../apps/cli/src/commands/demo.ts";
import { registerDevnetCommand } from "../../apps/cli/src/commands/devnet.ts";
import { createProgram } from "../../apps/cli/src/program.ts";

const program = createProgram();
if (!program.commands.some((c) => c.name() === "demo")) registerDemoCommand(program);
if (!program.commands.some((c) => c.name() === "devnet")) registerDevnetCommand(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
