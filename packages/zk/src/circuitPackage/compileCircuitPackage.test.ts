import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PublicSignalsMismatchError } from "../errors/circuitPackage.ts";
import { circuitsDir } from "../paths/circuitsDir.ts";
import { compileCircuitPackage } from "./compileCircuitPackage.ts";
import { loadCircuitPackage } from "./loadCircuitPackage.ts";
import { readPublicSignalNames } from "./readPublicSignalNames.ts";

const example = join(circuitsDir(), "examples", "linear-threshold");

describe("compileCircuitPackage", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "circuit-compile-"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it("compiles the example into the zk cache with the manifest's public signals, read back from r1cs + sym", async () => {
    const pkg = await loadCircuitPackage({ dir: example });
    const circuit = await compileCircuitPackage({ pkg });
    expect(circuit.key).toMatch(/^linear-threshold-[0-9a-f]{12}$/);
    expect(circuit.publicSignals).toBe(5);
    expect(circuit.publicSignalNames).toEqual(pkg.manifest.publicSignals);
    expect(await readPublicSignalNames({ r1cs: circuit.r1cs, sym: circuit.sym })).toEqual(pkg.manifest.publicSignals);
    // Commitments (10 + 8 values), one Dense row with a 35-bit decomposition, a 28-bit comparison.
    expect(circuit.constraints).toBeGreaterThan(500);
    expect(circuit.constraints).toBeLessThan(2000);
    // A copy elsewhere (as `circuit add` makes) has the same sources: same key, cached.
    const copy = join(scratch, "copy");
    await cp(example, copy, { recursive: true });
    const again = await compileCircuitPackage({ pkg: await loadCircuitPackage({ dir: copy }) });
    expect(again.key).toBe(circuit.key);
  });

  it("refuses a manifest whose outputs are in another order than the circuit's, naming expected and found", async () => {
    const dir = join(scratch, "swapped");
    await cp(example, dir, { recursive: true });
    const manifest = JSON.parse(await readFile(join(dir, "circuit.json"), "utf8"));
    manifest.outputs = [manifest.outputs[1], manifest.outputs[0]];
    manifest.publicSignals = ["modelCommitment", "inputCommitment", "binding", "decision", "score"];
    await writeFile(join(dir, "circuit.json"), JSON.stringify(manifest));
    const error = await compileCircuitPackage({ pkg: await loadCircuitPackage({ dir }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublicSignalsMismatchError);
    expect((error as Error).message).toContain(
      "expected (circuit.json publicSignals): [modelCommitment, inputCommitment, binding, decision, score]",
    );
    expect((error as Error).message).toContain(
      "found (compiled circuit): [modelCommitment, inputCommitment, binding, score, decision]",
    );
  });

  it("refuses a circuit that makes the binding private: one public signal fewer than the manifest", async () => {
    const dir = join(scratch, "private-binding");
    await cp(example, dir, { recursive: true });
    const file = join(dir, "linearThreshold.circom");
    const source = await readFile(file, "utf8");
    await writeFile(
      file,
      source.replace(
        "{public [modelCommitment, inputCommitment, binding,",
        "{public [modelCommitment, inputCommitment,",
      ),
    );
    const error = await compileCircuitPackage({ pkg: await loadCircuitPackage({ dir }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublicSignalsMismatchError);
    expect((error as Error).message).toContain(
      "found (compiled circuit): [modelCommitment, inputCommitment, score, decision]",
    );
  });
});
