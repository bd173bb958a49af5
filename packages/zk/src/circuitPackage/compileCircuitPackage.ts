import { copyFile, readdir, readFile, rename } from "node:fs/promises";
import { basename, join } from "node:path";
import type { CompiledCircuit } from "../circuit/compileCircuit.ts";
import { compileIntoCache } from "../circuit/compileIntoCache.ts";
import { readR1csInfo } from "../circuit/readR1csInfo.ts";
import { runCircom } from "../circuit/runCircom.ts";
import { PublicSignalsMismatchError } from "../errors/circuitPackage.ts";
import type { OnProgress } from "../setup/createProgress.ts";
import { readPublicSignalNames } from "./readPublicSignalNames.ts";
import type { CircuitPackage } from "./types.ts";

export type CompileCircuitPackageParameters = {
  pkg: Pick<CircuitPackage, "dir" | "manifest" | "files">;
  onProgress?: OnProgress;
};
export type CompileCircuitPackageReturnType = CompiledCircuit & {
  /** The compiled circuit's public signals, in order (checked equal to the manifest's). */
  publicSignalNames: string[];
};

async function circomFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".circom"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Compiles a circuit package's main with circom2 (`--O2`; include paths: the package directory, circuits/lib and
 * circomlib) into `$CONVERGENCE_HOME/zk/<name>-<hash>/`, where the hash covers the package's .circom files, the
 * library and the compiler versions (not the parameters: new weights reuse the circuit and its setup). Then checks
 * the compiled public signals against the manifest, and throws PublicSignalsMismatchError (expected vs found) before
 * any setup can start. The result is a CompiledCircuit that setupCircuit, loadSetup and loadWitnessCalculator take.
 *
 * @example
 * const circuit = await compileCircuitPackage({ pkg: await loadCircuitPackage({ dir }) });
 * const setup = await setupCircuit({ circuit });
 */
export async function compileCircuitPackage({
  pkg,
  onProgress,
}: CompileCircuitPackageParameters): Promise<CompileCircuitPackageReturnType> {
  const { manifest } = pkg;
  const name = manifest.name;
  const sources: (string | Buffer)[] = [`main ${manifest.circuit}\n`];
  for (const file of await circomFiles(pkg.dir)) sources.push(`${file.slice(pkg.dir.length)}\n`, await readFile(file));
  const { record, cached, ...compiled } = await compileIntoCache({
    name,
    sources,
    onProgress,
    compile: async ({ scratch, key, libDir, circomlibDir, compilerVersion, report }) => {
      report(`${name}: compiling ${manifest.circuit} with ${compilerVersion} --O2`);
      const { output } = await runCircom({
        file: pkg.files.circuit,
        outDir: scratch,
        includeDirs: [pkg.dir, libDir, circomlibDir],
        circuit: name,
      });
      // One layout for every compiled circuit (loadWitnessCalculator reads main_js/): rename circom's outputs.
      const base = basename(manifest.circuit, ".circom");
      await rename(join(scratch, `${base}.r1cs`), join(scratch, "main.r1cs"));
      await rename(join(scratch, `${base}.sym`), join(scratch, "main.sym"));
      await rename(join(scratch, `${base}_js`, `${base}.wasm`), join(scratch, `${base}_js`, "main.wasm"));
      if (base !== "main") await rename(join(scratch, `${base}_js`), join(scratch, "main_js"));
      await copyFile(pkg.files.circuit, join(scratch, "main.circom"));
      const info = await readR1csInfo({ path: join(scratch, "main.r1cs") });
      const publicSignalNames = await readPublicSignalNames({
        r1cs: join(scratch, "main.r1cs"),
        sym: join(scratch, "main.sym"),
      });
      report(`${name}: ${info.constraints} constraints, ${info.wires} wires, public [${publicSignalNames.join(", ")}]`);
      return {
        name,
        key,
        package: manifest.name,
        version: manifest.version,
        template: manifest.template,
        constraints: info.constraints,
        publicSignalNames,
        compilerVersion,
        output: output.trim().split("\n"),
      };
    },
  });
  if (record.publicSignalNames.join(",") !== manifest.publicSignals.join(",")) {
    throw new PublicSignalsMismatchError({
      circuit: `${name} (${manifest.circuit})`,
      expected: manifest.publicSignals,
      found: record.publicSignalNames,
    });
  }
  return {
    ...compiled,
    constraints: record.constraints,
    publicSignals: manifest.publicSignals.length,
    quotientBits: [],
    publicSignalNames: record.publicSignalNames,
  };
}
