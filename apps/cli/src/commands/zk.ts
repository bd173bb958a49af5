import { resolve } from "node:path";
import { loadModel } from "@convergence/models";
import { setupModel } from "@convergence/zk";
import type { Command } from "commander";
import { printResult } from "../output.ts";
import { runStep } from "../progress.ts";

type SetupOptions = { model: string; ptau?: string; ptauSha256?: string; force?: boolean; json?: boolean };

/** `convergence zk setup --model <name> [--ptau <file>]`: circuit, Groth16 setup and Solidity verifier of a model. */
export function registerZkCommand(program: Command): void {
  const zk = program.command("zk").description("Zero-knowledge proofs: circuits, trusted setup, verifiers.");

  zk.command("setup")
    .description(
      "Compile the model shape's circuit, run its Groth16 setup (phase 2: a contribution and a beacon) and export its Solidity verifier. Cached per shape in $CONVERGENCE_HOME/zk/.",
    )
    .requiredOption("--model <name>", "a bundled or imported model, e.g. risk-v1")
    .option(
      "--ptau <file>",
      "a prepared phase-1 file from a public ceremony (default: the committed development ceremony)",
    )
    .option("--ptau-sha256 <hex>", "the sha256 the --ptau file must have")
    .option("--force", "redo phase 2 even when the cache holds a key from the same ptau")
    .option("--json", "print the result as JSON")
    .action(async (options: SetupOptions) => {
      const { manifest, quantized } = await loadModel({ name: options.model });
      const result = await runStep({
        title: `Setting up ${manifest.name} (${manifest.shape.join("-")}, scale 2^${manifest.scale})`,
        quiet: options.json,
        run: (step) =>
          setupModel({
            model: quantized,
            name: manifest.name,
            ptau: options.ptau === undefined ? undefined : resolve(options.ptau),
            ptauSha256: options.ptauSha256,
            force: options.force,
            onProgress: ({ message }) => step.update(message),
          }),
      });
      const data = {
        model: manifest.name,
        circuit: result.circuit.key,
        constraints: result.circuit.constraints,
        cached: result.setup.cached,
        setupSeconds: result.setup.record.seconds,
        ptau: result.setup.record.ptau,
        contributions: result.setup.record.contributions,
        zkey: result.setup.zkey,
        verificationKey: result.setup.verificationKeyPath,
        verifier: { contractName: result.verifier.contractName, paths: result.verifier.paths },
      };
      printResult({
        json: options.json,
        data,
        human: (d) =>
          [
            `${d.model}: circuit ${d.circuit}, ${d.constraints} constraints`,
            `  setup         ${d.cached ? "cached" : "done"} (${d.setupSeconds}s, ${d.contributions} phase-2 contributions)`,
            `  phase 1       ${d.ptau.development ? "development ceremony (not for value at stake)" : d.ptau.path}, sha256 ${d.ptau.sha256}`,
            `  proving key   ${d.zkey}`,
            `  verifier      ${d.verifier.contractName}: ${d.verifier.paths.join(", ")}`,
            "",
            `Next: pnpm convergence prove --model ${d.model} --input '[...]' --out proof.json`,
          ].join("\n"),
      });
    });
}
