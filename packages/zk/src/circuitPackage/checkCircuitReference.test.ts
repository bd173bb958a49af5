import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReferenceMismatchError } from "../errors/circuitPackage.ts";
import { circuitsDir } from "../paths/circuitsDir.ts";
import { checkCircuitReference } from "./checkCircuitReference.ts";
import { compileCircuitPackage } from "./compileCircuitPackage.ts";
import { loadCircuitPackage } from "./loadCircuitPackage.ts";

const example = join(circuitsDir(), "examples", "linear-threshold");

describe("checkCircuitReference", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "circuit-reference-"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it("accepts the example at zero and at both ends of its input range", async () => {
    const pkg = await loadCircuitPackage({ dir: example });
    const circuit = await compileCircuitPackage({ pkg });
    expect(await checkCircuitReference({ pkg, circuit })).toEqual({ checked: 3 });
  });

  it("refuses an input builder whose reference disagrees with the circuit, naming the input", async () => {
    const dir = join(scratch, "wrong-reference");
    await cp(example, dir, { recursive: true });
    const file = join(dir, "input.ts");
    // Truncation toward zero instead of the circuit's floor: differs on negative scores only.
    const source = (await readFile(file, "utf8")).replace(
      "const score = floorShift(acc, SCALE);",
      "const score = acc / (1n << SCALE);",
    );
    await writeFile(file, source);
    const pkg = await loadCircuitPackage({ dir });
    const circuit = await compileCircuitPackage({ pkg });
    const error = await checkCircuitReference({ pkg, circuit, inputs: [[-100n, 0n, 0n, 0n, 0n, 0n, 0n, 0n]] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReferenceMismatchError);
    expect((error as Error).message).toMatch(/disagree on input \[-100, 0, 0, 0, 0, 0, 0, 0\]: the circuit rejects it/);
  });
});
