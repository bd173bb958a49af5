import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgressEvent } from "../setup/createProgress.ts";
import { type CompileIntoCacheContext, compileIntoCache } from "./compileIntoCache.ts";

// The cache step alone, with a compile that writes the layout by hand; compileCircuit's and compileCircuitPackage's
// tests cover it with circom.
describe("compileIntoCache", () => {
  let home: string;
  const previous = process.env["CONVERGENCE_HOME"];
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "compile-into-cache-"));
    process.env["CONVERGENCE_HOME"] = home;
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env["CONVERGENCE_HOME"];
    else process.env["CONVERGENCE_HOME"] = previous;
    await rm(home, { recursive: true, force: true });
  });

  let compiles = 0;
  const compile = async ({ scratch, key }: CompileIntoCacheContext) => {
    compiles += 1;
    await mkdir(join(scratch, "main_js"));
    await writeFile(join(scratch, "main.r1cs"), "r1cs");
    return { key, constraints: 7 };
  };

  it("compiles once per key into <name>-<hash>, then reads compiled.json back from the cache", async () => {
    compiles = 0;
    const first = await compileIntoCache({ name: "demo", sources: ["a"], compile });
    expect(first.key).toMatch(/^demo-[0-9a-f]{12}$/);
    expect(first.dir).toBe(join(home, "zk", first.key));
    expect(first).toMatchObject({ cached: false, record: { key: first.key, constraints: 7 } });
    expect(first.r1cs).toBe(join(first.dir, "main.r1cs"));
    expect(first.wasm).toBe(join(first.dir, "main_js", "main.wasm"));
    expect(first.compilerVersion).toMatch(/^circom2@\d/);
    expect(await readFile(join(first.dir, "main_js", "package.json"), "utf8")).toMatch(/"commonjs"/);
    expect(JSON.parse(await readFile(join(first.dir, "compiled.json"), "utf8"))).toEqual(first.record);

    const events: ProgressEvent[] = [];
    const second = await compileIntoCache({
      name: "demo",
      sources: ["a"],
      compile,
      onProgress: (event) => events.push(event),
    });
    expect(second).toEqual({ ...first, cached: true });
    expect(compiles).toBe(1);
    expect(events.map((event) => event.message)).toEqual([`demo: compiled circuit cached in ${first.dir}`]);
    // No scratch directory or lock left behind.
    expect(await readdir(join(home, "zk"))).toEqual([first.key]);
  });

  it("keys on every source in order: other sources are another circuit", async () => {
    const ab = await compileIntoCache({ name: "keyed", sources: ["a", "b"], compile });
    const ba = await compileIntoCache({ name: "keyed", sources: ["b", "a"], compile });
    const bytes = await compileIntoCache({ name: "keyed", sources: ["a", Buffer.from("b")], compile });
    expect(ba.key).not.toBe(ab.key);
    expect(bytes.key).toBe(ab.key);
    expect(bytes.cached).toBe(true);
  });

  it("compiles once when two calls race for the same key", async () => {
    compiles = 0;
    const [a, b] = await Promise.all([
      compileIntoCache({ name: "race", sources: ["r"], compile }),
      compileIntoCache({ name: "race", sources: ["r"], compile }),
    ]);
    expect(compiles).toBe(1);
    expect(a.key).toBe(b.key);
    expect([a.cached, b.cached].sort()).toEqual([false, true]);
  });

  it("leaves nothing in the cache when the compile fails, and a later call compiles", async () => {
    const failure = new Error("circom said no");
    await expect(
      compileIntoCache({
        name: "failing",
        sources: ["f"],
        compile: async ({ scratch }) => {
          await writeFile(join(scratch, "half.r1cs"), "");
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect((await readdir(join(home, "zk"))).filter((entry) => entry.startsWith("failing"))).toEqual([]);
    const retried = await compileIntoCache({ name: "failing", sources: ["f"], compile });
    expect(retried.cached).toBe(false);
    expect(existsSync(join(retried.dir, "half.r1cs"))).toBe(false);
  });
});
