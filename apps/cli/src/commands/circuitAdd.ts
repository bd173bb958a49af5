import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import { convergenceHome } from "@convergence/paths";
import { type EnsureModelRegistrationReturnType, ensureModelRegistration } from "@convergence/sdk";
import {
  checkCircuitReference,
  circuitPackageRegistrationRecord,
  loadCircuitPackage,
  setupCircuitPackage,
  setupRegistration,
} from "@convergence/zk";
import type { Address, Hex } from "viem";
import { connectModelRegistry } from "../chain/connectModelRegistry.ts";
import { registrationStepTitles } from "../chain/registrationStepTitles.ts";
import { SettingError } from "../errors.ts";
import { runStep } from "../progress.ts";

export type AddCircuitParameters = {
  /** The circuit package directory (circuit.json, .circom, input.ts, parameters). */
  dir: string;
  /** Register under this name instead of the manifest's. */
  name?: string;
  rpcUrl: string;
  /** No progress lines (--json). */
  quiet?: boolean;
};

export type AddCircuitReturnType = {
  name: string;
  modelId: bigint;
  /** Packed Poseidon commitment of the package's parameters. */
  commitment: bigint;
  /** The circuit's cache key and its keccak256, as registered. */
  circuit: string;
  circuitId: Hex;
  constraints: number;
  publicSignals: string[];
  numInputs: number;
  numOutputs: number;
  setup: "created" | "reused";
  setupSeconds: number;
  vkeyHash: Hex;
  /** "registration": the existing registration's; "reused": another of the publisher's under this key; "deployed". */
  verifier: EnsureModelRegistrationReturnType["verifier"];
  /** False when an active registration of the same parameters and keys already existed. */
  registered: boolean;
  registry: Address;
  directory: string;
  serve: string;
};

/**
 * `convergence circuit add`: validates a circuit package, compiles it (public signals checked against the manifest),
 * checks its input builder against the circuit's witness, runs (or reuses) the Groth16 setup (a phase 2 made now is signed by the publisher), deploys the verifier
 * (or reuses one registered for this machine's key) and registers the parameters' commitment in ModelRegistry as the publisher (PUBLISHER_PRIVATE_KEY, devnet #3) with
 * the manifest's numOutputs. The package is staged first and moved into `$CONVERGENCE_HOME/circuits/<name>/` only
 * once registered: a refused package leaves neither a local copy nor a registration behind.
 *
 * @example
 * const added = await addCircuit({ dir: "circuits/examples/linear-threshold", rpcUrl: "http://127.0.0.1:8545" });
 */
export async function addCircuit({
  dir,
  name,
  rpcUrl,
  quiet = false,
}: AddCircuitParameters): Promise<AddCircuitReturnType> {
  // The package first (no chain needed to refuse it), then the chain: both fail in seconds, before the heavy steps.
  await loadCircuitPackage({ dir });
  const { client, publisher, registry, fromBlock } = await connectModelRegistry({ rpcUrl });

  const home = convergenceHome();
  await mkdir(home, { recursive: true });
  const staging = await mkdtemp(join(home, ".circuit-add-"));
  try {
    const staged = join(staging, "package");
    await cp(dir, staged, { recursive: true, filter: (source) => basename(source) !== "node_modules" });
    if (name !== undefined) {
      const manifestPath = join(staged, "circuit.json");
      const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Record<string, unknown>;
      await writeFile(manifestPath, `${JSON.stringify({ ...manifest, name }, null, 2)}\n`);
    }
    const pkg = await loadCircuitPackage({ dir: staged });
    const { manifest } = pkg;
    const target = join(home, "circuits", manifest.name);
    if (existsSync(join(target, "circuit.json"))) {
      const existing = await loadCircuitPackage({ dir: target }).catch(() => undefined);
      if (existing && existing.modelCommitment !== pkg.modelCommitment) {
        throw new SettingError({
          setting: "--name",
          problem: `circuit "${manifest.name}" is already added with other parameters (commitment ${existing.modelCommitment}).`,
          fix: "Pick another --name for this package; the earlier registration stays on-chain.",
        });
      }
    }

    const start = performance.now();
    const { circuit, setup } = await runStep({
      title: `Compiling, checking and setting up ${manifest.name} (${manifest.circuit})`,
      quiet,
      run: async (step) => {
        const onProgress = ({ message }: { message: string }) => step.update(message);
        const ready = await setupCircuitPackage({ pkg, contributor: publisher, onProgress });
        const { checked } = await checkCircuitReference({ pkg, circuit: ready.circuit });
        step.update(`input builder agrees with the circuit on ${checked} inputs`);
        return ready;
      },
    });
    const setupSeconds = Number(((performance.now() - start) / 1000).toFixed(1));
    const registration = await setupRegistration({ setup, name: manifest.name });
    const { vkeyHash, circuitId } = registration;
    const record = await circuitPackageRegistrationRecord({ pkg });
    const { commitment } = record;
    const { modelId, verifier, registered } = await runStep({
      title: `Registering ${manifest.name} in ModelRegistry ${registry}`,
      quiet,
      run: (step) =>
        ensureModelRegistration({
          client,
          registry,
          fromBlock,
          ...record,
          setup: registration,
          onStep: (next) => step.update(registrationStepTitles[next]),
        }),
    });

    // Registered (or found): the package goes where the worker loads it from.
    await rm(target, { recursive: true, force: true });
    await mkdir(join(home, "circuits"), { recursive: true });
    await rename(staged, target);

    return {
      name: manifest.name,
      modelId,
      commitment,
      circuit: circuit.key,
      circuitId,
      constraints: circuit.constraints,
      publicSignals: circuit.publicSignalNames,
      numInputs: manifest.numInputs,
      numOutputs: manifest.numOutputs,
      setup: setup.cached ? "reused" : "created",
      setupSeconds,
      vkeyHash,
      verifier,
      registered,
      registry,
      directory: target,
      serve: `WORKER_MODELS=risk-v1,${manifest.name} pnpm worker`,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
