import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError } from "../errors.ts";
import { rpcUrlFrom } from "../options.ts";
import { printResult } from "../output.ts";
import { addCircuit } from "./circuitAdd.ts";

type AddOptions = { name?: string; rpc?: string; json?: boolean };

function parseName(value: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(value)) {
    throw new InvalidArgumentError({
      argument: "--name",
      value,
      expected: '1 to 64 characters of a-z, 0-9 and "-", starting with a letter or digit, e.g. --name my-circuit',
    });
  }
  return value;
}

/** `convergence circuit add <dir>`: bring your own Circom circuit (docs/circuit-packages.md). */
export function registerCircuitCommand(program: Command): void {
  const circuit = program
    .command("circuit")
    .description("Custom Circom circuits: proven and settled through the same escrow, attestor and worker.");

  circuit
    .command("add")
    .description(
      "Validate a circuit package, compile it (public signals checked against circuit.json), check its input builder, set it up (Groth16, cached), deploy its verifier and register it in ModelRegistry; copy it to $CONVERGENCE_HOME/circuits/<name>/.",
    )
    .argument("<dir>", "a circuit package directory, e.g. circuits/examples/linear-threshold")
    .option("--name <name>", "register under this name instead of circuit.json's", parseName)
    .option("--rpc <url>", "JSON-RPC URL (default CONVERGENCE_RPC_URL or http://127.0.0.1:8545)")
    .option("--json", "print the result as JSON")
    .action(async (dir: string, options: AddOptions) => {
      const path = resolve(dir);
      if (!existsSync(path) || !statSync(path).isDirectory()) {
        throw new InvalidArgumentError({
          argument: "<dir>",
          value: dir,
          expected: "an existing circuit package directory holding circuit.json",
        });
      }
      const added = await addCircuit({
        dir: path,
        ...(options.name === undefined ? {} : { name: options.name }),
        rpcUrl: rpcUrlFrom(options.rpc),
        quiet: options.json,
      });
      const data = {
        name: added.name,
        modelId: added.modelId,
        commitment: added.commitment,
        circuit: added.circuit,
        circuitId: added.circuitId,
        constraints: added.constraints,
        publicSignals: added.publicSignals,
        numInputs: added.numInputs,
        numOutputs: added.numOutputs,
        setup: added.setup,
        setupSeconds: added.setupSeconds,
        vkeyHash: added.vkeyHash,
        verifier: added.verifier.address,
        verifierSource: added.verifier.source,
        registered: added.registered,
        registry: added.registry,
        directory: added.directory,
      };
      printResult({
        json: options.json,
        data,
        human: (d) =>
          [
            `${d.name}: model ${d.modelId} in ModelRegistry ${d.registry}${d.registered ? "" : " (already registered)"}`,
            `  circuit       ${d.circuit}, ${d.constraints} constraints, public [${d.publicSignals.join(", ")}]`,
            `  setup         ${d.setup} (${d.setupSeconds}s)`,
            `  verifier      ${d.verifier} (${d.verifierSource})`,
            `  commitment    ${d.commitment}`,
            `  package       ${d.directory}`,
            "",
            `Next: serve it with ${added.serve}`,
          ].join("\n"),
      });
    });
}
