import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelDirectories } from "./modelDirectories.ts";
import { readManifest } from "./readManifest.ts";
import { writeModelDirectory } from "./writeModelDirectory.ts";

describe("writeModelDirectory", () => {
  it("writes the manifest as stable, indented JSON and the ONNX files it names", async () => {
    const manifest = await readManifest({ path: join(modelDirectories().bundled, "risk-v1", "manifest.json") });
    const directory = join(mkdtempSync(join(tmpdir(), "models-write-")), "nested", "m");
    const paths = await writeModelDirectory({
      directory,
      manifest,
      floatOnnx: new Uint8Array([1, 2]),
      int64Onnx: new Uint8Array([3]),
    });
    expect(readFileSync(paths.manifestPath, "utf8")).toBe(`${JSON.stringify(manifest, null, 2)}\n`);
    expect([...readFileSync(paths.floatOnnxPath)]).toEqual([1, 2]);
    expect([...readFileSync(paths.int64OnnxPath)]).toEqual([3]);
    expect(paths.int64OnnxPath).toBe(join(directory, "model.int64.onnx"));
  });
});
