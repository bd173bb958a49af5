import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { importModel, type ModelManifest, modelDirectories, modelRegistrationRecord } from "@convergence/models";
import { convergenceHome } from "@convergence/paths";
import { type EnsureModelRegistrationReturnType, ensureModelRegistration } from "@convergence/sdk";
import { compileCircuit, modelShape, setupCircuit, setupRegistration } from "@convergence/zk";
import type { Address, Hex } from "viem";
import { connectModelRegistry } from "../chain/connectModelRegistry.ts";
import { registrationStepTitles } from "../chain/registrationStepTitles.ts";
import { SettingError } from "../errors.ts";
import { runStep } from "../progress.ts";

export type AddModelParameters = {
  /** A float32 ONNX MLP (an existing file). */
  path: string;
  name: string;
  scale?: number;
  labels?: string[];
  /** Replace a local model of the same name that holds different weights. */
  force?: boolean;
  rpcUrl: string;
  /** No progress lines (--json). */
  quiet?: boolean;
};

export type AddModelReturnType = {
  name: string;
  modelId: bigint;
  /** Poseidon commitment of the quantized weights and biases. */
  commitment: bigint;
  /** The circuit's cache key and its keccak256, as registered. */
  circuit: string;
  circuitId: Hex;
  constraints: number;
  shape: number[];
  scale: number;
  /** "reused": the shape's phase 2 was in the zk cache; "created": this run made it. */
  setup: "created" | "reused";
  /** Seconds this run spent compiling and setting up (near 0 when reused). */
  setupSeconds: number;
  vkeyHash: Hex;
  /**
   * "registration": that of the existing registration answered; "reused": the verifier of another of the publisher
   * account's registrations under this machine's key (same circuit), no new deployment; "deployed": new.
   */
  verifier: EnsureModelRegistrationReturnType["verifier"];
  /** False when an active registration of the same weights and keys already existed: it is answered as is. */
  registered: boolean;
  registry: Address;
  accuracyLoss: { samples: number; argmaxAgreement: number; maxAbsError: number; meanAbsError: number };
  directory: string;
  /** How to make the worker serve it. */
  serve: string;
};

/**
 * `convergence model add`: imports and quantizes a float32 ONNX MLP, compiles the circuit of its shape, runs (or
 * reuses) the shape's Groth16 setup (a phase 2 made now is signed by the publisher, PUBLISHER_PRIVATE_KEY or devnet
 * account #3, never the worker), deploys its verifier (or reuses the one already registered for this machine's
 * key: retrained weights of a known shape cost a registration only) and registers the weights in ModelRegistry as the publisher.
 * The model is imported into a staging directory first and moved into `$CONVERGENCE_HOME/models/<name>/` only once
 * it is registered, so a refused input leaves neither a local model nor a registration behind.
 *
 * @example
 * const added = await addModel({ path: "mlp.onnx", name: "my-mlp", rpcUrl: "http://127.0.0.1:8545" });
 */
export async function addModel({
  path,
  name,
  scale,
  labels,
  force = false,
  rpcUrl,
  quiet = false,
}: AddModelParameters): Promise<AddModelReturnType> {
  // The chain first: a chain that is down fails in seconds, before any heavy step.
  const { client, publisher, registry, fromBlock } = await connectModelRegistry({ rpcUrl });

  const home = convergenceHome();
  const target = join(modelDirectories({ home }).imported, name);
  await mkdir(home, { recursive: true });
  const staging = await mkdtemp(join(home, ".model-add-"));
  try {
    const imported = await runStep({
      title: `Importing ${path} as ${name}`,
      quiet,
      run: () =>
        importModel({
          path,
          name,
          home: staging,
          ...(scale === undefined ? {} : { scale }),
          ...(labels ? { labels } : {}),
        }),
    });
    const { manifest, quantized, loss } = imported;
    const commitment = BigInt(manifest.commitments.model);
    const existing = await readLocalManifest(join(target, "manifest.json"));
    if (existing && existing.commitments.model !== manifest.commitments.model && !force) {
      throw new SettingError({
        setting: "--name",
        problem: `"${name}" is already imported with different weights (commitment ${existing.commitments.model}, ${existing.shape.join("-")}); these weights commit to ${manifest.commitments.model}.`,
        fix: "Pick another --name for these weights (a retrained model of a known shape needs no new setup, only a registration), or pass --force to replace the local model (its earlier registration stays on-chain).",
      });
    }

    const start = performance.now();
    const { circuit, setup } = await runStep({
      title: `Compiling and setting up the circuit for ${manifest.shape.join("-")} (scale 2^${manifest.scale})`,
      quiet,
      run: async (step) => {
        const onProgress = ({ message }: { message: string }) => step.update(message);
        const circuit = await compileCircuit({ shape: modelShape({ model: quantized }), onProgress });
        const setup = await setupCircuit({ circuit, contributor: publisher, onProgress });
        return { circuit, setup };
      },
    });
    const setupSeconds = Number(((performance.now() - start) / 1000).toFixed(1));
    const registration = await setupRegistration({ setup, name });
    const { vkeyHash, circuitId } = registration;
    const { modelId, verifier, registered } = await runStep({
      title: `Registering ${name} in ModelRegistry ${registry}`,
      quiet,
      run: (step) =>
        ensureModelRegistration({
          client,
          registry,
          fromBlock,
          ...modelRegistrationRecord({ manifest }),
          setup: registration,
          onStep: (next) => step.update(registrationStepTitles[next]),
        }),
    });

    // Registered (or found): the model goes where the worker loads it from.
    if (existsSync(target)) await rm(target, { recursive: true });
    await mkdir(modelDirectories({ home }).imported, { recursive: true });
    await rename(imported.directory, target);

    return {
      name,
      modelId,
      commitment,
      circuit: circuit.key,
      circuitId,
      constraints: circuit.constraints,
      shape: manifest.shape,
      scale: manifest.scale,
      setup: setup.cached ? "reused" : "created",
      setupSeconds,
      vkeyHash,
      verifier,
      registered,
      registry,
      accuracyLoss: {
        samples: loss.samples,
        argmaxAgreement: loss.argmaxAgreement,
        maxAbsError: loss.maxAbsError,
        meanAbsError: loss.meanAbsError,
      },
      directory: target,
      serve: `WORKER_MODELS=risk-v1,${name} pnpm worker`,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function readLocalManifest(path: string): Promise<ModelManifest | undefined> {
  if (!existsSync(path)) return undefined;
  return JSON.parse(await readFile(path, "utf8")) as ModelManifest;
}
