import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import type { CompiledCircuit } from "../circuit/compileCircuit.ts";
import { readR1csInfo } from "../circuit/readR1csInfo.ts";
import { PublicSignalsMismatchError } from "../errors/circuitPackage.ts";
import { withFileLock } from "../files/withFileLock.ts";
import { circuitsDir } from "../paths/circuitsDir.ts";
import { zkCacheDir } from "../paths/zkCacheDir.ts";
import { createProgress, type OnProgress } from "../setup/createProgress.ts";
import { readPublicSignalNames } from "./readPublicSignalNames.ts";
import { runCircom } from "./runCircom.ts";
import type { CircuitPackage } from "./types.ts";

const require = createRequire(import.meta.url);

export type CompileCircuitPackageParameters = {
  pkg: Pick<CircuitPackage, "dir" | "manifest" | "files">;
  onProgress?: OnProgress;
};
export type CompileCircuitPackageReturnType = CompiledCircuit & {
  /** The compiled circuit's public signals, in order (checked equal to the manifest's). */
  publicSignalNames: string[];
};

function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

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
  const report = createProgress(onProgress);
  const { manifest } = pkg;
  const name = manifest.name;
  const libDir = join(circuitsDir(), "lib");
  const circomlibDir = join(dirname(require.resolve("circomlib/package.json")), "circuits");
  const compilerVersion = `circom2@${packageVersion("circom2")}`;
  const hash = createHash("sha256");
  hash.update(`main ${manifest.circuit}\n`);
  for (const file of await circomFiles(pkg.dir)) {
    hash.update(`${file.slice(pkg.dir.length)}\n`);
    hash.update(await readFile(file));
  }
  for (const file of ["fixedPoint.circom", "commitment.circom"]) hash.update(await readFile(join(libDir, file)));
  hash.update(`circomlib@${packageVersion("circomlib")} ${compilerVersion}`);
  const key = `${name}-${hash.digest("hex").slice(0, 12)}`;
  const dir = zkCacheDir({ key });
  const files = {
    circom: join(dir, "main.circom"),
    r1cs: join(dir, "main.r1cs"),
    wasm: join(dir, "main_js", "main.wasm"),
    sym: join(dir, "main.sym"),
  };
  const record = join(dir, "compiled.json");
  const result = (constraints: number, publicSignalNames: string[]): CompileCircuitPackageReturnType => ({
    key,
    name,
    dir,
    ...files,
    constraints,
    publicSignals: manifest.publicSignals.length,
    quotientBits: [],
    compilerVersion,
    publicSignalNames,
  });
  const check = (compiled: CompileCircuitPackageReturnType) => {
    if (compiled.publicSignalNames.join(",") !== manifest.publicSignals.join(",")) {
      throw new PublicSignalsMismatchError({
        circuit: `${name} (${manifest.circuit})`,
        expected: manifest.publicSignals,
        found: compiled.publicSignalNames,
      });
    }
    return compiled;
  };

  const cached = async () => {
    if (!existsSync(record)) return undefined;
    const { constraints, publicSignalNames } = JSON.parse(await readFile(record, "utf8")) as {
      constraints: number;
      publicSignalNames: string[];
    };
    report(`${name}: compiled circuit cached in ${dir}`);
    return result(constraints, publicSignalNames);
  };
  const hit = await cached();
  if (hit !== undefined) return check(hit);

  const compiled = await withFileLock({
    path: join(zkCacheDir(), `${key}.lock`),
    onWait: () => report(`${name}: waiting for another process compiling the same circuit`),
    run: async () => {
      const waitedFor = await cached();
      if (waitedFor !== undefined) return waitedFor;
      const scratch = `${dir}.tmp-${process.pid}-${Date.now()}`;
      await mkdir(scratch, { recursive: true });
      try {
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
        // circom's witness calculator is CommonJS; the workspace is "type": "module".
        await writeFile(join(scratch, "main_js", "package.json"), '{ "type": "commonjs" }\n');
        const info = await readR1csInfo({ path: join(scratch, "main.r1cs") });
        const publicSignalNames = await readPublicSignalNames({
          r1cs: join(scratch, "main.r1cs"),
          sym: join(scratch, "main.sym"),
        });
        report(
          `${name}: ${info.constraints} constraints, ${info.wires} wires, public [${publicSignalNames.join(", ")}]`,
        );
        await writeFile(
          join(scratch, "compiled.json"),
          `${JSON.stringify({ name, key, package: manifest.name, version: manifest.version, template: manifest.template, constraints: info.constraints, publicSignalNames, compilerVersion, output: output.trim().split("\n") }, null, 2)}\n`,
        );
        await rm(dir, { recursive: true, force: true });
        await mkdir(dirname(dir), { recursive: true });
        await rename(scratch, dir);
        return result(info.constraints, publicSignalNames);
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    },
  });
  return check(compiled);
}
