import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import type * as BundleEntry from "../bundleEntry.ts";
import { CliBuildError } from "../errors.ts";
import { cliBuildPaths } from "./cliBuildPaths.ts";
import { CLI_BUILD_RECORD_VERSION, type CliBuildRecord } from "./cliBuildRecord.ts";

/**
 * Packages bundled into the CLI rather than loaded from node_modules: pure ESM that reads no file beside itself, and
 * whose thousand-odd modules (viem alone loads 1,100) cost most of a start-up. Everything else stays external and
 * loads from its own location: onnxruntime-node's native binaries, snarkjs' and ffjavascript's worker threads,
 * circom2's wasm, LangChain and zod (whose schemas must be the instances LangChain checks).
 */
const INLINED = /^(viem|ox|abitype|isows|commander|@noble\/(hashes|curves)|@scure\/(base|bip32|bip39))(\/|$)/;

/** Build directories the current one replaced are removed once this old; a running CLI may still load chunks. */
const KEEP_OLD_BUILDS_MS = 60 * 60 * 1000;

export type BuildCliParameters = {
  /** dist/ by default. */
  distDir?: string;
  /** The module bundled: src/bundleEntry.ts by default. */
  entry?: string;
};

export type BuildCliReturnType = CliBuildRecord;

/**
 * Builds the CLI into one ESM bundle (split per subcommand, so each still loads alone) under apps/cli/dist/, and
 * records what it was built from in dist/build.json. The workspace's TypeScript is bundled with every
 * `import.meta.url` and `import.meta.dirname` replaced by the source file's own, so code that finds assets,
 * circuits, the ptau or a thread script next to itself finds them where they are in the checkout. Packages from
 * node_modules stay external, imported by absolute path as their importer resolved them (pnpm gives each package
 * its own node_modules), except the few in INLINED. Then it loads every subcommand from the bundle once, which
 * proves each one loads, to record what the root `--help` lists.
 *
 * @example
 * const { entry, summaries } = await buildCli();
 */
export async function buildCli({
  distDir = cliBuildPaths.distDir,
  entry: entryPoint = cliBuildPaths.entry,
}: BuildCliParameters = {}): Promise<BuildCliReturnType> {
  mkdirSync(distDir, { recursive: true });
  const outdir = mkdtempSync(join(distDir, "build-"));
  // mkdtemp makes the folder private (0700): a build made by one user (say root, at install) must load for the others.
  chmodSync(outdir, 0o755);
  const files = new Map<string, [path: string, mtimeMs: number, size: number]>();
  const links = new Map<string, string>();
  try {
    await build({
      entryPoints: { convergence: entryPoint },
      absWorkingDir: cliBuildPaths.cliDir,
      outdir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node22",
      // Node's own resolution: no "module" condition.
      conditions: [],
      // Inlined CommonJS may call require(); ESM has none of its own.
      banner: {
        js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
      },
      // Read only under CONVERGENCE_DEBUG (see launchCli), so stack traces name the TypeScript sources.
      sourcemap: "linked",
      sourcesContent: false,
      logLevel: "silent",
      plugins: [workspaceSources({ files }), nodeModules({ links })],
    });
  } catch (cause) {
    rmSync(outdir, { recursive: true, force: true });
    throw new CliBuildError({ step: "bundling", cause });
  }
  for (const file of readdirSync(cliBuildPaths.launcherDir)) {
    if (file.endsWith(".test.ts")) continue;
    const path = join(cliBuildPaths.launcherDir, file);
    const stats = statSync(path);
    files.set(path, [path, stats.mtimeMs, stats.size]);
  }
  const entry = join(outdir, "convergence.js");
  let summaries: CliBuildRecord["summaries"];
  try {
    const bundle = (await import(pathToFileURL(entry).href)) as typeof BundleEntry;
    const program = await bundle.createProgram({ argv: ["node", "convergence", "--help"] });
    summaries = bundle.summarizeCommands({ program });
  } catch (cause) {
    rmSync(outdir, { recursive: true, force: true });
    throw new CliBuildError({ step: "loading the bundled subcommands", cause });
  }
  const record: CliBuildRecord = {
    version: CLI_BUILD_RECORD_VERSION,
    entry,
    files: [...files.values()],
    links: [...links],
    summaries,
  };
  // Written then renamed: a CLI starting meanwhile reads the old record or the new one, never half of one.
  const recordPath = join(distDir, "build.json");
  const temporary = `${recordPath}.${process.pid}.tmp`;
  const replaced = existsSync(recordPath)
    ? (JSON.parse(readFileSync(recordPath, "utf8")) as CliBuildRecord)
    : undefined;
  writeFileSync(temporary, `${JSON.stringify(record)}\n`);
  renameSync(temporary, recordPath);
  // The build just replaced may still be running (its subcommands load lazily): its clock starts now, not when built.
  if (replaced) {
    const now = new Date();
    try {
      utimesSync(dirname(replaced.entry), now, now);
    } catch {
      // Already gone.
    }
  }
  removeOldBuilds({ distDir, current: outdir });
  return record;
}

/** Reads the workspace's own files (not node_modules), notes their mtime and size, and pins import.meta to them. */
function workspaceSources({ files }: { files: Map<string, [string, number, number]> }): Plugin {
  return {
    name: "convergence-workspace-sources",
    setup(esbuild) {
      esbuild.onLoad({ filter: /\.(ts|mts|js|mjs|json)$/ }, (args) => {
        if (args.path.includes("/node_modules/")) return undefined;
        // Stat before reading: a file edited during the build then looks changed, and the next start rebuilds.
        const stats = statSync(args.path);
        files.set(args.path, [args.path, stats.mtimeMs, stats.size]);
        const text = readFileSync(args.path, "utf8");
        if (extname(args.path) === ".json") return { contents: text, loader: "json" };
        const contents = text
          .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll("import.meta.dirname", JSON.stringify(dirname(args.path)))
          .replaceAll("import.meta.filename", JSON.stringify(args.path));
        // Anything else (import.meta.resolve, .main) would answer for the bundle's location, not this file's.
        if (/\bimport\.meta\b/.test(contents)) {
          const text = `${args.path} uses import.meta beyond .url, .dirname and .filename, which the CLI build pins`;
          return { errors: [{ text }] };
        }
        return { contents, loader: extname(args.path) === ".ts" || extname(args.path) === ".mts" ? "ts" : "js" };
      });
    },
  };
}

/** Keeps packages external at the absolute path their importer resolves, and notes the link it went through. */
function nodeModules({ links }: { links: Map<string, string> }): Plugin {
  return {
    name: "convergence-node-modules",
    setup(esbuild) {
      esbuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === "resolving" || isBuiltin(args.path)) return undefined;
        noteLink({ links, specifier: args.path, from: args.resolveDir });
        if (args.path.startsWith("@convergence/") || INLINED.test(args.path)) return undefined;
        const resolved = await esbuild.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: "resolving",
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const isRequire = args.kind === "require-call" || args.kind === "require-resolve";
        return { path: isRequire ? resolved.path : pathToFileURL(resolved.path).href, external: true };
      });
    },
  };
}

/** The node_modules/<package> entry Node finds first from `from`, and where it points. */
function noteLink({ links, specifier, from }: { links: Map<string, string>; specifier: string; from: string }): void {
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  for (let dir = from; ; dir = dirname(dir)) {
    const path = join(dir, "node_modules", name);
    if (links.has(path)) return;
    if (lstatSync(path, { throwIfNoEntry: false }) !== undefined) {
      links.set(path, realpathSync(path));
      return;
    }
    if (dirname(dir) === dir) return;
  }
}

function removeOldBuilds({ distDir, current }: { distDir: string; current: string }): void {
  for (const name of readdirSync(distDir)) {
    const path = join(distDir, name);
    if (!name.startsWith("build-") || path === current) continue;
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory() && Date.now() - stats.mtimeMs > KEEP_OLD_BUILDS_MS) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}
