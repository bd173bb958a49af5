import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  compileCircuit,
  loadSetup,
  type ModelPinFromSetupReturnType,
  modelPinFromSetup,
  modelShape,
  PublishedKeyCircuitMismatchError,
  PublishedKeyHashMismatchError,
  readSetupRecord,
  SetupMissingError,
  sha256File,
  type VerificationKey,
} from "@convergence/zk";
import { ModelPinNotFoundError } from "../errors/pin.ts";
import { loadModel } from "./loadModel.ts";
import { MODEL_FILES } from "./prepareModel.ts";
import { replayReleaseKey } from "./replayReleaseKey.ts";
import type { ModelManifest } from "./types.ts";

export type LoadModelPinParameters = {
  name: string;
  /** Default `convergenceHome()` of @convergence/paths. */
  home?: string;
};

export type LoadModelPinReturnType = {
  /** Shaped as the SDK's `ModelPin`: what a requester holds a registration against. */
  pin: ModelPinFromSetupReturnType;
  /** "release": the model's published keys (pinned by its manifest); "setup": this machine's own setup of its circuit. */
  source: "release" | "setup";
  /** The directory the key was read from. */
  dir: string;
  /**
   * How the contributors were established: "bundled" (a release committed with this repository, its key pinned by
   * hash in git: signatures checked against the key's contribution records), "replayed" (an imported release's key
   * replayed now with `verifySetup`), "cached-replay" (a verdict of an earlier replay of the same zkey, r1cs and
   * ptau), "setup" (this machine's own setup).
   */
  keyCheck: "bundled" | "replayed" | "cached-replay" | "setup";
  /** The model's manifest, as `loadModel` read it for the pin: its scale and labels say what the numbers mean. */
  manifest: ModelManifest;
};

/**
 * What a requester pins a model by, from sources it trusts and never from a worker: the weight commitment of its
 * manifest (checked against its weights by `loadModel`), and the verification key of its published release (the
 * manifest's `keys`: the proving key's sha256 and the key hash are checked) or, for a model without one, of this
 * machine's own setup of its circuit (zk cache). Contributors are the verified signers of the key's phase 2. For a
 * release bundled with the repository (hash-pinned in git) and for this machine's own setup, the signatures are
 * checked against the key's contribution records (`modelPinFromSetup`, cheap). An imported release
 * (`$CONVERGENCE_HOME/models/<name>/keys`) is replayed first (`replayReleaseKey`: snarkjs `zkey verify` against the
 * circuit's r1cs and the release's ptau, once per key, then cached), since records copied from another key would pass
 * the cheap check: an invalid key -> ReleaseKeyInvalidError, its ptau not here -> ReleasePtauNotFoundError, and
 * nothing is pinned. Nothing is set up here: no key -> ModelPinNotFoundError.
 *
 * @example
 * const { pin } = await loadModelPin({ name: "risk-v1" });
 * await requestInference({ ..., pin });
 */
export async function loadModelPin({ name, home }: LoadModelPinParameters): Promise<LoadModelPinReturnType> {
  const { manifest, directory, quantized, publishedKeys, bundled } = await loadModel({
    name,
    ...(home === undefined ? {} : { home }),
  });
  const commitment = BigInt(manifest.commitments.model);
  const releaseDir = join(directory, MODEL_FILES.keys);
  if (publishedKeys !== undefined) {
    const zkey = join(publishedKeys.dir, "circuit_final.zkey");
    const verificationKeyPath = join(publishedKeys.dir, "verification_key.json");
    // The same checks as installPublishedKeys: both files must have the hashes the manifest pins.
    const check = async (path: string, expected: string, prefix: string) => {
      const received = `${prefix}${await sha256File({ path })}`;
      if (received !== expected.toLowerCase()) throw new PublishedKeyHashMismatchError({ path, expected, received });
    };
    await check(zkey, publishedKeys.zkeySha256, "");
    await check(verificationKeyPath, publishedKeys.vkeyHash, "0x");
    const verificationKey = JSON.parse(await readFile(verificationKeyPath, "utf8")) as VerificationKey;
    const record = await readSetupRecord({ path: join(publishedKeys.dir, "setup.json") });
    if (bundled) {
      const pin = await modelPinFromSetup({ setup: { zkey, verificationKey, record }, commitment });
      return { pin, source: "release", dir: publishedKeys.dir, keyCheck: "bundled", manifest };
    }
    const circuit = await compileCircuit({ shape: modelShape({ model: quantized }) });
    if (record.key !== circuit.key) {
      throw new PublishedKeyCircuitMismatchError({
        dir: publishedKeys.dir,
        expected: circuit.key,
        received: record.key,
      });
    }
    const replay = await replayReleaseKey({ name, zkey, zkeySha256: publishedKeys.zkeySha256, record, circuit });
    return {
      pin: { commitment, verificationKey, contributors: replay.contributors },
      source: "release",
      dir: publishedKeys.dir,
      keyCheck: replay.cached ? "cached-replay" : "replayed",
      manifest,
    };
  }
  const circuit = await compileCircuit({ shape: modelShape({ model: quantized }) });
  try {
    const setup = await loadSetup({ circuit });
    return {
      pin: await modelPinFromSetup({ setup, commitment }),
      source: "setup",
      dir: circuit.dir,
      keyCheck: "setup",
      manifest,
    };
  } catch (error) {
    if (!(error instanceof SetupMissingError)) throw error;
    const searched = [existsSync(releaseDir) ? `${releaseDir} (not pinned by the manifest)` : releaseDir, circuit.dir];
    throw new ModelPinNotFoundError({ name, searched });
  }
}
