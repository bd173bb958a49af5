import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { loadModel } from "@convergence/models";
import {
  type CircuitPackage,
  type CompiledCircuit,
  compileCircuit,
  compileCircuitPackage,
  loadCircuitPackage,
  modelShape,
  type OnProgress,
  type PublishedKeys,
  type QuantizedMlp,
} from "@convergence/zk";
import { InvalidArgumentError } from "../errors.ts";

/** `--model <name>` or `--circuit <dir>`, exactly one. */
export type ZkTargetOptions = { model?: string; circuit?: string };

export type ZkTarget =
  | {
      kind: "model";
      name: string;
      model: QuantizedMlp;
      /** The keys the model ships, hash-pinned in its manifest (risk-v1), if any. */
      publishedKeys: PublishedKeys | undefined;
      circuit: CompiledCircuit;
      flag: string;
    }
  | { kind: "circuit"; name: string; pkg: CircuitPackage; circuit: CompiledCircuit; flag: string };

/**
 * The circuit a `convergence zk` command works on: a bundled or imported model's (`--model`) or a circuit package's
 * (`--circuit`), compiled (or found compiled) in `$CONVERGENCE_HOME/zk`. Exactly one of the two is accepted.
 *
 * @example
 * const target = await zkTarget({ model: "risk-v1" });
 */
export async function zkTarget({
  model,
  circuit,
  onProgress,
}: ZkTargetOptions & { onProgress?: OnProgress }): Promise<ZkTarget> {
  if ((model === undefined) === (circuit === undefined)) {
    throw new InvalidArgumentError({
      argument: "--model / --circuit",
      value: model === undefined ? "neither" : `--model ${model} --circuit ${circuit}`,
      expected: "exactly one of --model <name> (e.g. --model risk-v1) or --circuit <dir> (a circuit package)",
    });
  }
  if (model !== undefined) {
    const { manifest, quantized, publishedKeys } = await loadModel({ name: model });
    const compiled = await compileCircuit({
      shape: modelShape({ model: quantized }),
      ...(onProgress ? { onProgress } : {}),
    });
    return {
      kind: "model",
      name: manifest.name,
      model: quantized,
      publishedKeys,
      circuit: compiled,
      flag: `--model ${manifest.name}`,
    };
  }
  const dir = resolve(circuit!);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InvalidArgumentError({
      argument: "--circuit",
      value: circuit!,
      expected: "an existing circuit package directory holding circuit.json",
    });
  }
  const pkg = await loadCircuitPackage({ dir });
  const compiled = await compileCircuitPackage({ pkg, ...(onProgress ? { onProgress } : {}) });
  return { kind: "circuit", name: pkg.manifest.name, pkg, circuit: compiled, flag: `--circuit ${circuit}` };
}
