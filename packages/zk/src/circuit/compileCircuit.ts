import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ModelShapeReturnType } from "../mlp/modelShape.ts";
import type { OnProgress } from "../setup/createProgress.ts";
import { compileIntoCache } from "./compileIntoCache.ts";
import { generateCircuitSource } from "./generateCircuitSource.ts";
import { readR1csInfo } from "./readR1csInfo.ts";
import { runCircom } from "./runCircom.ts";

export type CompileCircuitParameters = {
  shape: Pick<ModelShapeReturnType, "widths" | "relu" | "scale">;
  onProgress?: OnProgress;
};
export type CompiledCircuit = {
  /** `<name>-<hash>`: the cache directory name, keyed by the circuit sources and compiler versions. */
  key: string;
  name: string;
  dir: string;
  circom: string;
  r1cs: string;
  wasm: string;
  sym: string;
  constraints: number;
  /** Public signal count: 3 + the output width. */
  publicSignals: number;
  quotientBits: number[];
  compilerVersion: string;
};
export type CompileCircuitReturnType = CompiledCircuit;

/**
 * Generates the main for a shape and compiles it with circom2 (`--O2`, r1cs + wasm + sym) into
 * `$CONVERGENCE_HOME/zk/<name>-<hash>/`, where the hash covers the generated main, the template
 * library, circomlib's version and the compiler's. Compiled once per key: later calls (and retrained
 * weights of the same shape) reuse the cache.
 *
 * @example
 * const circuit = await compileCircuit({ shape: modelShape({ model }) });
 * circuit.constraints // 4,8xx for 8-16-3
 */
export async function compileCircuit({
  shape,
  onProgress,
}: CompileCircuitParameters): Promise<CompileCircuitReturnType> {
  const { name, source, quotientBits } = generateCircuitSource({ shape });
  const { record, cached, ...compiled } = await compileIntoCache({
    name,
    sources: [source],
    onProgress,
    compile: async ({ scratch, key, libDir, circomlibDir, compilerVersion, report }) => {
      const file = join(scratch, "main.circom");
      await writeFile(file, source);
      report(`${name}: compiling with ${compilerVersion} --O2`);
      const { output } = await runCircom({ file, outDir: scratch, includeDirs: [libDir, circomlibDir], circuit: name });
      const info = await readR1csInfo({ path: join(scratch, "main.r1cs") });
      report(`${name}: ${info.constraints} constraints, ${info.wires} wires`);
      const { widths, relu, scale } = shape;
      const { constraints } = info;
      return {
        name,
        key,
        widths,
        relu,
        scale,
        quotientBits,
        constraints,
        compilerVersion,
        output: output.trim().split("\n"),
      };
    },
  });
  return {
    ...compiled,
    constraints: record.constraints,
    publicSignals: 3 + (shape.widths.at(-1) as number),
    quotientBits,
  };
}
