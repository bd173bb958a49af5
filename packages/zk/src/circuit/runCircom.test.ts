import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CircuitCompileError } from "../errors/circuit.ts";
import { readR1csInfo } from "./readR1csInfo.ts";
import { runCircom } from "./runCircom.ts";

describe("runCircom", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "run-circom-"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it("compiles a main with an include path into r1cs, sym and wasm named after the file", async () => {
    const lib = join(scratch, "lib");
    await mkdir(lib);
    await writeFile(
      join(lib, "square.circom"),
      "pragma circom 2.1.0;\ntemplate Square() { signal input x; signal output y; y <== x * x; }\n",
    );
    const file = join(scratch, "product.circom");
    await writeFile(
      file,
      'pragma circom 2.1.0;\ninclude "square.circom";\ntemplate P() { signal input a; signal output b; component s = Square(); s.x <== a; b <== s.y * a; }\ncomponent main = P();\n',
    );
    const out = join(scratch, "out");
    await mkdir(out);
    const { output } = await runCircom({ file, outDir: out, includeDirs: [lib], circuit: "product" });
    expect(output).toMatch(/non-linear constraints: 2/);
    expect(existsSync(join(out, "product.sym"))).toBe(true);
    expect(existsSync(join(out, "product_js", "product.wasm"))).toBe(true);
    expect(await readR1csInfo({ path: join(out, "product.r1cs") })).toMatchObject({ constraints: 2, publicOutputs: 1 });
  });

  it("throws CircuitCompileError naming the circuit, with circom's message, when the source does not compile", async () => {
    const file = join(scratch, "broken.circom");
    await writeFile(file, "pragma circom 2.1.0;\ntemplate B() { signal input a; b <== a; }\ncomponent main = B();\n");
    const error = await runCircom({ file, outDir: scratch, includeDirs: [], circuit: "broken" }).catch((e) => e);
    expect(error).toBeInstanceOf(CircuitCompileError);
    expect(error.shortMessage).toBe("circom2 failed to compile broken.");
    expect(error.details).toMatch(/Undeclared symbol/);
    expect(existsSync(join(scratch, "broken.r1cs"))).toBe(false);
  });
});
