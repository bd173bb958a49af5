import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildFloatOnnx } from "@convergence/models";
import { workspaceRoot } from "@convergence/paths";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/runCli.ts";

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("convergence model", () => {
  it("build-reference rebuilds risk-v1 into the committed bytes", async () => {
    const onnx = join(workspaceRoot(), "packages/models/assets/risk-v1/model.onnx");
    const before = sha256(onnx);
    const result = await runCli(["model", "build-reference", "--json"]);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.files.floatOnnx.sha256).toBe(before);
    expect(sha256(onnx)).toBe(before);
    expect(printed.accuracy.quantizedHeldOut).toBeGreaterThan(0.85);
  });

  it("imports a PyTorch-style ONNX MLP into CONVERGENCE_HOME, then refuses the same name without --force", async () => {
    const home = mkdtempSync(join(tmpdir(), "convergence-home-"));
    const file = join(home, "tiny.onnx");
    const layer = (rows: number, cols: number, relu: boolean) => ({
      weights: Array.from({ length: rows }, (_, j) =>
        Array.from({ length: cols }, (_, i) => ((i + 2 * j) % 5) / 10 - 0.2),
      ),
      bias: Array.from({ length: rows }, (_, j) => j / 20),
      relu,
    });
    writeFileSync(file, buildFloatOnnx({ model: { layers: [layer(8, 4, true), layer(2, 8, false)] } }));
    const result = await runCli(["model", "import", file, "--name", "tiny", "--json"], { CONVERGENCE_HOME: home });
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.shape).toEqual([4, 8, 2]);
    expect(printed.directory).toBe(join(home, "models", "tiny"));
    const again = await runCli(["model", "import", file, "--name", "tiny"], { CONVERGENCE_HOME: home });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/tiny/);
  });

  it("names the argument for a missing file and a bad scale", async () => {
    const missing = await runCli(["model", "import", "/nonexistent/model.onnx", "--name", "x"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("<file.onnx>");
    const badScale = await runCli(["model", "import", "/nonexistent/model.onnx", "--name", "x", "--scale", "99"]);
    expect(badScale.code).toBe(1);
    expect(badScale.stderr).toContain("--scale");
  });
});
