import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadModelPin, ModelNotFoundError, ModelPinNotFoundError } from "@convergence/models";
import { convergenceHome } from "@convergence/paths";
import type { ModelPin } from "@convergence/sdk";
import {
  compileCircuitPackage,
  loadCircuitPackage,
  loadSetup,
  modelPinFromSetup,
  SetupMissingError,
} from "@convergence/zk";
import { InvalidArgumentError, SettingError } from "../errors.ts";
import { type PinnedLayout, readPinFile } from "./readPinFile.ts";

export type ResolvePinParameters = {
  /** The model or circuit package to pin (`--model`). */
  name: string;
  /** A release file (`--pin`); without it, the default sources. */
  file?: string;
};

export type ResolvePinReturnType = {
  pin: ModelPin;
  /** "file": --pin; "release": the bundled model's published keys; "setup": this machine's own setup in the zk cache. */
  source: "file" | "release" | "setup";
  /**
   * What the numbers mean (input width and scale, output scales, labels), from the same source as the pin: the worker
   * must advertise the same. Absent only for a release file that does not carry it.
   */
  layout?: PinnedLayout;
};

/**
 * What `job open` pins a model by, never the worker's word: the `--pin` release file, else the model's bundled
 * published release, else this machine's own setup of the circuit package ($CONVERGENCE_HOME/circuits/<name>) or of
 * the model (zk cache). None of these -> SettingError naming --pin.
 *
 * @example
 * const { pin, source } = await resolvePin({ name: "risk-v1" });
 */
export async function resolvePin({ name, file }: ResolvePinParameters): Promise<ResolvePinReturnType> {
  if (file !== undefined) {
    const release = await readPinFile({ path: file });
    if (release.name !== name) {
      throw new InvalidArgumentError({
        argument: "--pin",
        value: file,
        expected: `the release of ${name} (--model); this file pins "${release.name}"`,
      });
    }
    return { pin: release.pin, source: "file", ...(release.layout ? { layout: release.layout } : {}) };
  }
  const missing = (where: string) =>
    new SettingError({
      setting: "--pin",
      problem: `no pin for ${name}: ${where}.`,
      fix: `Pass --pin <release.json> (the release file of ${name} from its publisher), or set it up on this machine (convergence zk setup --model ${name}, or convergence circuit add).`,
    });
  const circuitDir = join(convergenceHome(), "circuits", name);
  if (existsSync(join(circuitDir, "circuit.json"))) {
    const pkg = await loadCircuitPackage({ dir: circuitDir });
    try {
      const setup = await loadSetup({ circuit: await compileCircuitPackage({ pkg }) });
      const { numInputs, input, outputs } = pkg.manifest;
      return {
        pin: await modelPinFromSetup({ setup, commitment: pkg.modelCommitment }),
        source: "setup",
        layout: { numInputs, inputScale: input.scale, outputScales: outputs.map((o) => o.scale), labels: [] },
      };
    } catch (error) {
      if (error instanceof SetupMissingError)
        throw missing(`circuit package ${circuitDir} has no setup on this machine`);
      throw error;
    }
  }
  try {
    const { pin, source, manifest } = await loadModelPin({ name });
    const { shape, scale, labels } = manifest;
    const outputScales = Array.from({ length: shape.at(-1)! }, () => scale);
    return { pin, source, layout: { numInputs: shape[0]!, inputScale: scale, outputScales, labels } };
  } catch (error) {
    if (error instanceof ModelNotFoundError)
      throw missing("it is neither a bundled or imported model nor an added circuit package");
    if (error instanceof ModelPinNotFoundError)
      throw missing("it ships no published keys and this machine has no setup of it");
    throw error;
  }
}
