/**
 * Step 12: bring your own circuit.
 *
 * Step 11 swapped in another MLP; the circuit was still the generated one. Here the circuit itself is yours: a
 * circuit package is a directory with a circuit.json manifest, the .circom source, an input.ts that maps a request to
 * the circuit's input signals (and computes the expected outputs in TypeScript), and the private parameters whose
 * Poseidon commitment is the on-chain "model commitment". docs/circuit-packages.md describes the format.
 *
 * The example, circuits/examples/linear-threshold, is not an MLP: a linear score w.x + b with a committed threshold,
 * outputs [score, score >= threshold]. Its public signals follow the layout the InferenceAttestor checks for every
 * model: [modelCommitment, inputCommitment, binding, ...outputs]. That is why nothing else changes: the escrow,
 * attestor, validation registry, worker and CLI treat it like any model.
 *
 * What runs, as you would type it:
 *   pnpm convergence circuit add circuits/examples/linear-threshold     compile, check the public signals against the
 *                                                                        manifest, setup, deploy the verifier, register
 *   WORKER_MODELS=risk-v1,linear-threshold pnpm worker                   serve it (this step starts the worker itself)
 *   pnpm convergence job open --model linear-threshold --input '[...]' --pay 1
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import { nextStep } from "./lib/nextStep.ts";
import { startWorker } from "./lib/startWorker.ts";
import { workshopChain } from "./lib/workshopChain.ts";

/** Runs `pnpm convergence <args>` (the CLI's entry point) and returns its stdout; a failure shows its stderr. */
function convergence(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["apps/cli/src/bin.ts", ...args], {
      cwd: workspaceRoot(),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`convergence ${args.join(" ")} exited with ${code}`)),
    );
  });
}

const { rpcUrl } = await workshopChain();
const example = join(workspaceRoot(), "circuits", "examples", "linear-threshold");
process.stdout.write(
  "Adding the linear-threshold circuit package (compile, setup on first use, verifier, registry)...\n",
);
const added = JSON.parse(await convergence(["circuit", "add", example, "--rpc", rpcUrl, "--json"])) as {
  modelId: string;
  constraints: number;
  publicSignals: string[];
  verifier: string;
  setup: string;
  registered: boolean;
};
process.stdout.write(
  [
    `Registered as model ${added.modelId}: ${added.constraints} constraints, public signals [${added.publicSignals.join(", ")}],`,
    `  verifier ${added.verifier} (setup ${added.setup}${added.registered ? "" : "; already registered"}).`,
    "",
  ].join("\n"),
);

const worker = await startWorker({ rpcUrl, models: ["risk-v1", "linear-threshold"] });
try {
  const input = [1, -2, 0.5, 0, 3, 0, 0.25, 1];
  const settled = JSON.parse(
    await convergence(
      ["job", "open", "--model", "linear-threshold", "--input", JSON.stringify(input), "--pay", "1"].concat([
        "--worker-url",
        worker.url,
        "--rpc",
        rpcUrl,
        "--json",
      ]),
    ),
  ) as { jobId: string; output: { values: number[]; names: string[] }; validation: { response: number } };
  const [score, decision] = settled.output.values;
  process.stdout.write(
    [
      `Job ${settled.jobId}: input ${JSON.stringify(input)}`,
      `  proven and attested on-chain: score ${score}, decision ${decision} (${decision === 1 ? "at or above" : "below"} the committed threshold);`,
      `  ERC-8004 validation response ${settled.validation.response}. Nobody saw w, b or the threshold: only their commitment.`,
    ].join("\n"),
  );
} finally {
  await worker.stop();
}
nextStep({ command: "pnpm workshop 14", note: "Next, limits the chain enforces on the agent: session keys." });
