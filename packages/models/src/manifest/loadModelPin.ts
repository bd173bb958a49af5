import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  compileCircuit,
  hashVerificationKey,
  loadSetup,
  type ModelPinFromSetupReturnType,
  modelPinFromSetup,
  modelShape,
  readSetupRecord,
  SetupMissingError,
  sha256File,
  type VerificationKey,
} from "@convergence/zk";
import { FileHashMismatchError } from "../errors/manifest.ts";
import { ModelPinNotFoundError } from "../errors/pin.ts";
import { loadModel } from "./loadModel.ts";

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
};

/** The published keys' pins in a manifest (`keys`, written by scripts/publish-model-keys.ts). */
type PublishedKeys = { zkeySha256: string; vkeyHash: string };

const bare = (hex: string) => hex.toLowerCase().replace(/^0x/, "");

/**
 * What a requester pins a model by, from sources it trusts and never from a worker: the weight commitment of its
 * manifest (checked against its weights by `loadModel`), and the verification key of its published release (the
 * manifest's `keys`: the proving key's sha256 and the key hash are checked) or, for a model without one, of this
 * machine's own setup of its circuit (zk cache). Contributors are the verified signers of the key's phase 2
 * (`modelPinFromSetup`). Nothing is set up here: no key -> ModelPinNotFoundError.
 *
 * @example
 * const { pin } = await loadModelPin({ name: "risk-v1" });
 * await requestInference({ ..., pin });
 */
export async function loadModelPin({ name, home }: LoadModelPinParameters): Promise<LoadModelPinReturnType> {
  const { manifest, directory, quantized } = await loadModel({ name, ...(home === undefined ? {} : { home }) });
  const commitment = BigInt(manifest.commitments.model);
  const keys = (manifest as { keys?: PublishedKeys }).keys;
  const releaseDir = join(directory, "keys");
  if (keys !== undefined) {
    const zkey = join(releaseDir, "circuit_final.zkey");
    const verificationKeyPath = join(releaseDir, "verification_key.json");
    const zkeySha256 = await sha256File({ path: zkey });
    if (zkeySha256 !== bare(keys.zkeySha256)) {
      throw new FileHashMismatchError({ path: zkey, expected: bare(keys.zkeySha256), received: zkeySha256 });
    }
    const verificationKey = JSON.parse(await readFile(verificationKeyPath, "utf8")) as VerificationKey;
    const vkeyHash = hashVerificationKey(verificationKey);
    if (bare(vkeyHash) !== bare(keys.vkeyHash)) {
      throw new FileHashMismatchError({ path: verificationKeyPath, expected: keys.vkeyHash, received: vkeyHash });
    }
    const record = await readSetupRecord({ path: join(releaseDir, "setup.json") });
    const pin = await modelPinFromSetup({ setup: { zkey, verificationKey, record }, commitment });
    return { pin, source: "release", dir: releaseDir };
  }
  const circuit = await compileCircuit({ shape: modelShape({ model: quantized }) });
  try {
    const setup = await loadSetup({ circuit });
    return { pin: await modelPinFromSetup({ setup, commitment }), source: "setup", dir: circuit.dir };
  } catch (error) {
    if (!(error instanceof SetupMissingError)) throw error;
    const searched = [existsSync(releaseDir) ? `${releaseDir} (not pinned by the manifest)` : releaseDir, circuit.dir];
    throw new ModelPinNotFoundError({ name, searched });
  }
}
