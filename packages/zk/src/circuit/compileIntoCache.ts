import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { withFileLock } from "../files/withFileLock.ts";
import { circuitsDir } from "../paths/circuitsDir.ts";
import { zkCacheDir } from "../paths/zkCacheDir.ts";
import { createProgress, type OnProgress } from "../setup/createProgress.ts";
import type { CompiledCircuit } from "./compileCircuit.ts";

const require = createRequire(import.meta.url);

/** The template library files every circuit may include; their contents are part of every cache key. */
const LIB_FILES = ["fixedPoint.circom", "commitment.circom"];

/** What `compile` gets: where to build, the include directories and the compiler. */
export type CompileIntoCacheContext = {
  /** A fresh directory beside the final one; renamed into place once `compile` returns. */
  scratch: string;
  key: string;
  /** circuits/lib, absolute. */
  libDir: string;
  /** circomlib's circuits/, absolute. */
  circomlibDir: string;
  /** `circom2@<version>`. */
  compilerVersion: string;
  report: (message: string) => void;
};
export type CompileIntoCacheParameters<TRecord extends { constraints: number }> = {
  /** The circuit's name: the cache directory is `<name>-<hash>`. */
  name: string;
  /** What the key covers, in order, before the template library and the circomlib and compiler versions. */
  sources: (string | Uint8Array)[];
  /**
   * Builds into `context.scratch` the cache layout: main.circom, main.r1cs, main.sym and main_js/main.wasm
   * (`runCircom`). Returns what compiled.json keeps; a later cache hit reads it back.
   */
  compile: (context: CompileIntoCacheContext) => Promise<TRecord>;
  onProgress?: OnProgress;
};
export type CompileIntoCacheReturnType<TRecord> = Pick<
  CompiledCircuit,
  "key" | "name" | "dir" | "circom" | "r1cs" | "wasm" | "sym" | "compilerVersion"
> & {
  /** compiled.json: as `compile` returned it, or read back from the cache. */
  record: TRecord;
  /** True when the cache already held the compiled circuit. */
  cached: boolean;
};

function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

/**
 * The cache step of `compileCircuit` and `compileCircuitPackage`: keys the circuit by its sources, the template
 * library and the circomlib and compiler versions (`<name>-<hash>` under `$CONVERGENCE_HOME/zk/`), returns the cached
 * compile when compiled.json is there, else compiles once per key across processes (a file lock) into a scratch
 * directory that is renamed into place, so no process ever sees half a build.
 *
 * @example
 * const { dir, record } = await compileIntoCache({ name, sources: [source], compile: async ({ scratch }) => ({ constraints }) });
 */
export async function compileIntoCache<TRecord extends { constraints: number }>({
  name,
  sources,
  compile,
  onProgress,
}: CompileIntoCacheParameters<TRecord>): Promise<CompileIntoCacheReturnType<TRecord>> {
  const report = createProgress(onProgress);
  const libDir = join(circuitsDir(), "lib");
  const circomlibDir = join(dirname(require.resolve("circomlib/package.json")), "circuits");
  const compilerVersion = `circom2@${packageVersion("circom2")}`;
  const hash = createHash("sha256");
  for (const source of sources) hash.update(source);
  for (const file of LIB_FILES) hash.update(await readFile(join(libDir, file)));
  hash.update(`circomlib@${packageVersion("circomlib")} ${compilerVersion}`);
  const key = `${name}-${hash.digest("hex").slice(0, 12)}`;
  const dir = zkCacheDir({ key });
  const paths = {
    key,
    name,
    dir,
    circom: join(dir, "main.circom"),
    r1cs: join(dir, "main.r1cs"),
    wasm: join(dir, "main_js", "main.wasm"),
    sym: join(dir, "main.sym"),
    compilerVersion,
  };
  const recordPath = join(dir, "compiled.json");

  const cached = async (): Promise<CompileIntoCacheReturnType<TRecord> | undefined> => {
    if (!existsSync(recordPath)) return undefined;
    const record = JSON.parse(await readFile(recordPath, "utf8")) as TRecord;
    report(`${name}: compiled circuit cached in ${dir}`);
    return { ...paths, record, cached: true };
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
      const scratch = `${dir}.tmp-${process.pid}-${Date.now()}`;
      await mkdir(scratch, { recursive: true });
      try {
        const record = await compile({ scratch, key, libDir, circomlibDir, compilerVersion, report });
        // circom's witness calculator is CommonJS; the workspace is "type": "module".
        await writeFile(join(scratch, "main_js", "package.json"), '{ "type": "commonjs" }\n');
        await writeFile(join(scratch, "compiled.json"), `${JSON.stringify(record, null, 2)}\n`);
        await rm(dir, { recursive: true, force: true });
        await mkdir(dirname(dir), { recursive: true });
        await rename(scratch, dir);
        return { ...paths, record, cached: false };
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    },
  });
}
