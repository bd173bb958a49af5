// Builds the CLI into apps/cli/dist/ unless it is current: the root `postinstall` runs it, so the first command after
// `pnpm install` starts fast. A failure only warns: `pnpm install` must not fail on a source error, and the CLI
// builds (and reports the error) when it next runs. `--force` rebuilds even a current build.
import { buildCli } from "../src/launcher/buildCli.ts";
import { readCurrentCliBuild } from "../src/launcher/readCurrentCliBuild.ts";

const force = process.argv.includes("--force");
try {
  if (!force && readCurrentCliBuild() !== undefined) {
    process.stdout.write("convergence CLI: build is current (apps/cli/dist/)\n");
  } else {
    const start = performance.now();
    const { summaries } = await buildCli();
    process.stdout.write(
      `convergence CLI: built apps/cli/dist/ (${summaries.length} commands) in ${((performance.now() - start) / 1000).toFixed(1)} s\n`,
    );
  }
} catch (error) {
  process.stderr.write(
    `convergence CLI: not built now (${error instanceof Error ? error.message : String(error)}); it builds when it next runs.\n`,
  );
}
// The bundled subcommands loaded onnxruntime, snarkjs and LangChain; none of them should keep this script alive.
process.exit(0);
