import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliBuildError } from "../errors.ts";
import { COMMAND_NAMES } from "../program.ts";
import { buildCli } from "./buildCli.ts";
import { cliBuildPaths } from "./cliBuildPaths.ts";
import { readCurrentCliBuild } from "./readCurrentCliBuild.ts";

const dirs: string[] = [];
const temporary = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const repo = join(cliBuildPaths.cliDir, "..", "..");

describe("buildCli", () => {
  it("bundles the CLI, records its sources, links and help summaries, and is then current", async () => {
    const distDir = temporary("cli-build-");
    const build = await buildCli({ distDir });
    expect(existsSync(build.entry)).toBe(true);
    expect(build.summaries.map((s) => s.name)).toEqual(COMMAND_NAMES);
    const files = build.files.map(([path]) => path);
    expect(files).toContain(join(repo, "packages", "sdk", "src", "index.ts"));
    expect(files).toContain(join(cliBuildPaths.launcherDir, "buildCli.ts"));
    expect(build.links.map(([path]) => path)).toContain(
      join(cliBuildPaths.cliDir, "node_modules", "@convergence", "sdk"),
    );
    expect(readCurrentCliBuild({ record: join(distDir, "build.json") })).toEqual(build);

    const bundle = readdirSync(join(build.entry, ".."))
      .map((file) => readFileSync(join(build.entry, "..", file), "utf8"))
      .join("\n");
    // Code that finds assets next to itself (the bundled models) still looks in the checkout, not in dist/.
    const modelDirectories = join(repo, "packages", "models", "src", "manifest", "modelDirectories.ts");
    expect(bundle).toContain(JSON.stringify(join(modelDirectories, "..")));
    // snarkjs stays external (its worker threads load files beside it), imported where packages/zk resolves it.
    expect(bundle).toMatch(/from "file:\/\/[^"]*\/node_modules\/snarkjs\/[^"]*"/);
    expect(bundle).not.toMatch(/from "snarkjs"/);
  });

  it("fails with a CliBuildError naming the broken file, and leaves no build behind", async () => {
    const distDir = temporary("cli-build-broken-");
    const sources = temporary("cli-build-source-");
    const entry = join(sources, "broken.ts");
    writeFileSync(entry, "export const x = ;\n");
    const error = await buildCli({ distDir, entry }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliBuildError);
    expect((error as CliBuildError).message).toContain("broken.ts");
    expect((error as CliBuildError).message).toContain("CONVERGENCE_CLI_FROM_SOURCE=1");
    expect(readdirSync(distDir)).toEqual([]);
  });

  it("refuses a source using import.meta in a way the bundle cannot keep (it would answer for dist/)", async () => {
    const distDir = temporary("cli-build-meta-");
    const entry = join(temporary("cli-build-source-"), "resolves.ts");
    writeFileSync(entry, 'export const here = import.meta.resolve("./x.ts");\n');
    const error = await buildCli({ distDir, entry }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliBuildError);
    expect((error as CliBuildError).message).toContain("resolves.ts");
    expect((error as CliBuildError).message).toContain("uses import.meta beyond .url, .dirname and .filename");
    expect(readdirSync(distDir)).toEqual([]);
  });
});
