import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidManifestError } from "../errors/manifest.ts";
import { modelDirectories } from "./modelDirectories.ts";
import { readManifest } from "./readManifest.ts";

const riskV1 = join(modelDirectories().bundled, "risk-v1", "manifest.json");

describe("readManifest", async () => {
  const valid = await readManifest({ path: riskV1 });
  const dir = mkdtempSync(join(tmpdir(), "models-manifest-"));
  const withChange = async (change: (m: Record<string, unknown>) => void) => {
    const copy = structuredClone(valid) as unknown as Record<string, unknown>;
    change(copy);
    const path = join(dir, "manifest.json");
    writeFileSync(path, JSON.stringify(copy));
    return readManifest({ path });
  };

  it("reads the bundled risk-v1 manifest", () => {
    expect(valid).toMatchObject({ name: "risk-v1", shape: [8, 16, 3], scale: 8 });
    expect(valid.commitments.model).toMatch(/^\d+$/);
  });

  it("rejects a manifest with a bad field, naming the field", async () => {
    await expect(withChange((m) => (m.scale = 20))).rejects.toThrowError(/scale must be an integer in \[1, 14\]/);
    await expect(withChange((m) => (m.labels = ["a"]))).rejects.toThrowError(/labels must hold one string per output/);
    await expect(withChange((m) => ((m.commitments as { model: string }).model = "0x12"))).rejects.toThrowError(
      /commitments.model must be a decimal string/,
    );
    await expect(
      withChange((m) => ((m.files as { floatOnnx: { path: string } }).floatOnnx.path = "../../etc/passwd")),
    ).rejects.toThrowError(/files.floatOnnx.path must be a file name inside/);
    await expect(
      withChange((m) => ((m.files as { int64Onnx: { sha256: string } }).int64Onnx.sha256 = "abc")),
    ).rejects.toThrowError(InvalidManifestError);
    await expect(withChange((m) => (m.shape = [8]))).rejects.toThrowError(/shape/);
    const keys = { zkeySha256: "a".repeat(64), vkeyHash: `0x${"b".repeat(64)}` };
    await expect(withChange((m) => (m.keys = { ...keys, zkeySha256: "A".repeat(64) }))).rejects.toThrowError(
      /keys.zkeySha256 must be 64 lowercase hex digits/,
    );
    await expect(withChange((m) => (m.keys = { ...keys, vkeyHash: "b".repeat(64) }))).rejects.toThrowError(
      /keys.vkeyHash must be 0x and 64 lowercase hex digits/,
    );
    await expect(withChange((m) => (m.keys = null))).rejects.toThrowError(/keys.zkeySha256/);
  });

  it("reads risk-v1's pins of its published keys; keys are optional", async () => {
    expect(valid.keys?.zkeySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(valid.keys?.vkeyHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect((await withChange((m) => delete m.keys)).keys).toBeUndefined();
  });

  it("rejects a file that is not JSON or does not exist", async () => {
    const path = join(dir, "broken.json");
    writeFileSync(path, "{ not json");
    await expect(readManifest({ path })).rejects.toThrowError(InvalidManifestError);
    await expect(readManifest({ path: join(dir, "missing.json") })).rejects.toThrowError(/missing.json is invalid/);
  });
});
