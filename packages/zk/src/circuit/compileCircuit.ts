import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, parse, relative } from "node:path";
import { CircuitCompileError } from "../errors/circuit.ts";
import { withFileLock } from "../files/withFileLock.ts";
import type { ModelShapeReturnType } from "../model/modelShape.ts";
import { circuitsDir } from "../paths/circuitsDir.ts";
import { zkCacheDir } from "../paths/zkCacheDir.ts";
import { createProgress, type OnProgress } from "../setup/createProgress.ts";
import { generateCircuitSource } from "./generateCircuitSource.ts";
import { readR1csInfo } from "./readR1csInfo.ts";

const require = createRequire(import.meta.url);

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

const LIB_FILES = ["fixedPoint.circom", "commitment.circom"];

function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

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
  const report = createProgress(onProgress);
  const { name, source, quotientBits } = generateCircuitSource({ shape });
  const libDir = join(circuitsDir(), "lib");
  const circomlibDir = join(dirname(require.resolve("circomlib/package.json")), "circuits");
  const compilerVersion = `circom2@${packageVersion("circom2")}`;
  const hash = createHash("sha256");
  hash.update(source);
  for (const file of LIB_FILES) hash.update(await readFile(join(libDir, file)));
  hash.update(`circomlib@${packageVersion("circomlib")} ${compilerVersion}`);
  const key = `${name}-${hash.digest("hex").slice(0, 12)}`;
  const dir = zkCacheDir({ key });
  const outputWidth = shape.widths.at(-1) as number;
  const files = {
    circom: join(dir, "main.circom"),
    r1cs: join(dir, "main.r1cs"),
    wasm: join(dir, "main_js", "main.wasm"),
    sym: join(dir, "main.sym"),
  };
  const manifest = join(dir, "compiled.json");

  const cached = async (): Promise<CompileCircuitReturnType | undefined> => {
    if (!existsSync(manifest)) return undefined;
    const { constraints } = JSON.parse(await readFile(manifest, "utf8")) as { constraints: number };
    report(`${name}: compiled circuit cached in ${dir}`);
    return { key, name, dir, ...files, constraints, publicSignals: 3 + outputWidth, quotientBits, compilerVersion };
  };
  const hit = await cached();
  if (hit !== undefined) return hit;

  // One compile per key at a time across processes; a waiter then finds the result in the cache.
  return withFileLock({
    path: join(zkCacheDir(), `${key}.lock`),
    onWait: () => report(`${name}: waiting for another process compiling the same circuit`),
    run: async () => {
      const waitedFor = await cached();
      if (waitedFor !== undefined) return waitedFor;
      // Build in a scratch directory beside the final one, then rename: concurrent runs never see half a build.
      const scratch = `${dir}.tmp-${process.pid}-${Date.now()}`;
      await mkdir(scratch, { recursive: true });
      try {
        await writeFile(join(scratch, "main.circom"), source);
        report(`${name}: compiling with ${compilerVersion} --O2`);
        // circom2 runs under WASI, which only reaches directories below its working directory: run it
        // from the filesystem root so the cache, the library and circomlib are all reachable.
        const fsRoot = parse(scratch).root;
        const args = [
          require.resolve("circom2/cli.js"),
          relative(fsRoot, join(scratch, "main.circom")),
          "--r1cs",
          "--wasm",
          "--sym",
          "--O2",
          "-l",
          relative(fsRoot, libDir),
          "-l",
          relative(fsRoot, circomlibDir),
          "-o",
          relative(fsRoot, scratch),
        ];
        const output = await new Promise<string>((resolvePromise, reject) => {
          const child = spawn(process.execPath, args, { cwd: fsRoot, stdio: ["ignore", "pipe", "pipe"] });
          let text = "";
          child.stdout.on("data", (chunk: Buffer) => {
            text += chunk.toString();
          });
          child.stderr.on("data", (chunk: Buffer) => {
            text += chunk.toString();
          });
          child.on("error", (cause) => reject(new CircuitCompileError({ circuit: name, output: text, cause })));
          child.on("close", (code) => {
            if (code === 0 && existsSync(join(scratch, "main.r1cs"))) resolvePromise(text);
            else reject(new CircuitCompileError({ circuit: name, output: text || `exit code ${code}` }));
          });
        });
        // circom's witness calculator is CommonJS; the workspace is "type": "module".
        await writeFile(join(scratch, "main_js", "package.json"), '{ "type": "commonjs" }\n');
        const info = await readR1csInfo({ path: join(scratch, "main.r1cs") });
        const constraints = info.constraints;
        report(`${name}: ${constraints} constraints, ${info.wires} wires`);
        await writeFile(
          join(scratch, "compiled.json"),
          `${JSON.stringify({ name, key, widths: shape.widths, relu: shape.relu, scale: shape.scale, quotientBits, constraints, compilerVersion, output: output.trim().split("\n") }, null, 2)}\n`,
        );
        await rm(dir, { recursive: true, force: true });
        await mkdir(dirname(dir), { recursive: true });
        await rename(scratch, dir);
        return { key, name, dir, ...files, constraints, publicSignals: 3 + outputWidth, quotientBits, compilerVersion };
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    },
  });
}
