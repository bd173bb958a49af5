import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModel } from "@convergence/models";
import { FIELD_MODULUS, forward, quantizeValue, setupModel } from "@convergence/zk";
import { Command } from "commander";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { registerProveCommand } from "./prove.ts";

let output = "";
beforeEach(() => {
  output = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

async function run(...args: string[]) {
  output = "";
  const program = new Command("convergence").exitOverride();
  registerProveCommand(program);
  await program.parseAsync(["node", "convergence", ...args]);
  return output;
}

describe("convergence prove", () => {
  let dir: string;
  const features = [0.5, -1.25, 3.9, 0, -4, 2, 0.125, -0.75];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cli-prove-"));
    const { quantized } = await loadModel({ name: "risk-v1" });
    await setupModel({ model: quantized, name: "risk-v1", verifierDirs: [dir] });
  }, 300_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prints {output, rawOutput, publicSignals, proof, calldata, proveMs} and writes --out", async () => {
    const out = join(dir, "proof.json");
    const printed = JSON.parse(
      await run(
        "prove",
        "--model",
        "risk-v1",
        "--input",
        JSON.stringify(features),
        "--binding",
        "0x2a",
        "--out",
        out,
        "--json",
      ),
    );
    const { quantized } = await loadModel({ name: "risk-v1" });
    const input = features.map((value) => quantizeValue({ value, scale: 8 }));
    const expected = forward({ model: quantized, input }).output;
    expect(printed.input).toEqual(input.map(String));
    expect(printed.output).toEqual(expected.map(String));
    expect(printed.rawOutput).toEqual(expected.map((v) => (v < 0n ? FIELD_MODULUS + v : v).toString()));
    expect(printed.publicSignals.slice(2)).toEqual(["42", ...printed.rawOutput]);
    expect(printed.calldata.pubSignals).toEqual(printed.publicSignals);
    expect(printed.proof.protocol).toBe("groth16");
    expect(printed.proveMs).toBeGreaterThan(0);
    expect(printed.labels).toEqual(["low", "medium", "high"]);
    expect(JSON.parse(await readFile(out, "utf8"))).toEqual(printed);
  });

  it("refuses bad inputs before proving, naming the value", async () => {
    await expect(run("prove", "--model", "risk-v1", "--input", "[1, 2]")).rejects.toThrowError(
      /Expected 8 numbers for risk-v1/,
    );
    await expect(run("prove", "--model", "risk-v1", "--input", "[200, 0, 0, 0, 0, 0, 0, 0]")).rejects.toThrowError(
      /input\[0\] is 51200, outside the fixed-point range \[-32768, 32767\]/,
    );
    await expect(run("prove", "--model", "risk-v1", "--input", "not json")).rejects.toThrowError(
      /JSON array of numbers/,
    );
    await expect(
      run("prove", "--model", "risk-v1", "--input", "[1,0,0,0,0,0,0,0]", "--binding", "xyz"),
    ).rejects.toThrowError(/Invalid --binding/);
    await expect(
      run("prove", "--model", "risk-v1", "--quantized", "--input", "[0.5, 0, 0, 0, 0, 0, 0, 0]"),
    ).rejects.toThrowError(/fixed-point integers/);
  });

  it.each([
    ["[1e308, 0, 0, 0, 0, 0, 0, 0]", [], /--input\[0\] is 1e\+308, outside the fixed-point range \[-32768, 32767\]/],
    ["[0, -1e308, 0, 0, 0, 0, 0, 0]", [], /--input\[1\] is -1e\+308, outside the fixed-point range/],
    ["[0, 0, 0, 0, 0, 0, 0, 1e400]", [], /Invalid --input\[7\]: "Infinity". Expected a finite number/],
    ["[1e308, 0, 0, 0, 0, 0, 0, 0]", ["--quantized"], /Invalid --input: "1e\+308". Expected fixed-point integers/],
  ])("refuses %s %j (not finite, or not once scaled) before proving", async (input, flags, message) => {
    const out = join(dir, "never.json");
    await expect(
      run("prove", "--model", "risk-v1", "--input", input, ...(flags as string[]), "--out", out),
    ).rejects.toThrowError(message);
    await expect(readFile(out, "utf8")).rejects.toThrowError(/ENOENT/);
  });
});
