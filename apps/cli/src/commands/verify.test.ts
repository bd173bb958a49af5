import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModel } from "@convergence/models";
import { setupModel } from "@convergence/zk";
import { Command } from "commander";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { registerProveCommand } from "./prove.ts";
import { registerVerifyCommand } from "./verify.ts";

let output = "";
beforeEach(() => {
  output = "";
  process.exitCode = undefined;
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function run(...args: string[]) {
  output = "";
  const program = new Command("convergence").exitOverride();
  registerProveCommand(program);
  registerVerifyCommand(program);
  await program.parseAsync(["node", "convergence", ...args]);
  return output;
}

describe("convergence verify", () => {
  let dir: string;
  let proofFile: string;
  let proof: Record<string, unknown>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cli-verify-"));
    const { quantized } = await loadModel({ name: "risk-v1" });
    await setupModel({ model: quantized, name: "risk-v1", verifierDirs: [dir] });
  }, 300_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("verifies the file prove wrote", async () => {
    proofFile = join(dir, "proof.json");
    await run(
      "prove",
      "--model",
      "risk-v1",
      "--input",
      "[1, -1, 0.5, 0, 0, 2, -3, 0.25]",
      "--out",
      proofFile,
      "--json",
    );
    proof = JSON.parse(await readFile(proofFile, "utf8"));
    expect(JSON.parse(await run("verify", proofFile, "--json"))).toMatchObject({ verified: true, model: "risk-v1" });
    expect(process.exitCode ?? 0).toBe(0);
  });

  it("answers false and exits non-zero for a changed output", async () => {
    const signals = [...(proof.publicSignals as string[])];
    signals[3] = (BigInt(signals[3] as string) + 1n).toString();
    const tampered = join(dir, "tampered.json");
    await writeFile(tampered, JSON.stringify({ ...proof, publicSignals: signals }));
    expect(JSON.parse(await run("verify", tampered, "--json"))).toMatchObject({
      verified: false,
      reason: /Groth16 check failed/,
    });
    expect(process.exitCode).toBe(1);
  });

  it("rejects a malformed proof or one for another model with the reason", async () => {
    const malformed = join(dir, "malformed.json");
    await writeFile(malformed, JSON.stringify({ ...proof, proof: { pi_a: ["1"] } }));
    expect(JSON.parse(await run("verify", malformed, "--json"))).toMatchObject({
      verified: false,
      reason: /malformed/,
    });
    expect(process.exitCode).toBe(1);
    const otherModel = join(dir, "other.json");
    const signals = [...(proof.publicSignals as string[])];
    signals[0] = "12345";
    await writeFile(otherModel, JSON.stringify({ ...proof, publicSignals: signals }));
    expect(JSON.parse(await run("verify", otherModel, "--json"))).toMatchObject({
      verified: false,
      reason: /another model \(modelCommitment\)/,
    });
    const noModel = join(dir, "nomodel.json");
    await writeFile(noModel, JSON.stringify({ ...proof, model: undefined }));
    await expect(run("verify", noModel)).rejects.toThrowError(/does not say which model/);
    await writeFile(join(dir, "junk.json"), "{");
    await expect(run("verify", join(dir, "junk.json"))).rejects.toThrowError(/Cannot verify/);
  });
});
