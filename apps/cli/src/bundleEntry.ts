// The entry point of the built CLI (see launcher/buildCli.ts): what the launcher calls inside the bundle.
export { createProgram } from "./program.ts";
export { runCli } from "./runCli.ts";
export { summarizeCommands } from "./summarizeCommands.ts";
