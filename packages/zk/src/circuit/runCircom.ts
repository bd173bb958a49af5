import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, parse, relative } from "node:path";
import { CircuitCompileError } from "../errors/circuit.ts";

const require = createRequire(import.meta.url);

export type RunCircomParameters = {
  /** The .circom file with the main component, absolute. */
  file: string;
  /** Where circom writes `<base>.r1cs`, `<base>.sym` and `<base>_js/`, absolute. */
  outDir: string;
  /** Include paths (`-l`), absolute. */
  includeDirs: string[];
  /** Names the circuit in errors. */
  circuit: string;
};
export type RunCircomReturnType = { output: string };

/**
 * Runs circom2 (WebAssembly) with `--r1cs --wasm --sym --O2` on a main file. circom2 runs under WASI, which only
 * reaches directories below its working directory: it runs from the filesystem root with relative paths.
 *
 * @example
 * await runCircom({ file, outDir, includeDirs: [libDir, circomlibDir], circuit: "linear-threshold" });
 */
export async function runCircom({
  file,
  outDir,
  includeDirs,
  circuit,
}: RunCircomParameters): Promise<RunCircomReturnType> {
  const fsRoot = parse(outDir).root;
  const args = [
    require.resolve("circom2/cli.js"),
    relative(fsRoot, file),
    "--r1cs",
    "--wasm",
    "--sym",
    "--O2",
    ...includeDirs.flatMap((dir) => ["-l", relative(fsRoot, dir)]),
    "-o",
    relative(fsRoot, outDir),
  ];
  const r1cs = `${outDir}/${basename(file, ".circom")}.r1cs`;
  const output = await new Promise<string>((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: fsRoot, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.on("error", (cause) => reject(new CircuitCompileError({ circuit, output: text, cause })));
    child.on("close", (code) => {
      if (code === 0 && existsSync(r1cs)) resolvePromise(text);
      else reject(new CircuitCompileError({ circuit, output: text || `exit code ${code}` }));
    });
  });
  return { output };
}
