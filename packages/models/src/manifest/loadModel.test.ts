import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { commitModel } from "@convergence/zk";
import { describe, expect, it } from "vitest";
import {
  FileHashMismatchError,
  InvalidManifestError,
  InvalidModelNameError,
  ModelNotFoundError,
} from "../errors/manifest.ts";
import { buildInt64Onnx } from "../onnx/buildInt64Onnx.ts";
import { loadModel } from "./loadModel.ts";
import { modelDirectories } from "./modelDirectories.ts";
import { sha256 } from "./sha256.ts";

/** A copy of risk-v1 as an imported model, in a fresh home, to tamper with. */
function importedCopy(name: string) {
  const home = mkdtempSync(join(tmpdir(), "models-load-"));
  const directory = join(home, "models", name);
  cpSync(join(modelDirectories().bundled, "risk-v1"), directory, { recursive: true });
  rmSync(join(directory, "model.int64.onnx"), { force: true });
  const manifestPath = join(directory, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  manifest.name = name;
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { home, directory, manifestPath, manifest };
}

describe("loadModel", () => {
  it("loads bundled risk-v1, re-deriving weights whose commitment and int64 hash match the manifest", async () => {
    const model = await loadModel({ name: "risk-v1" });
    expect(model.bundled).toBe(true);
    expect(model.manifest.shape).toEqual([8, 16, 3]);
    expect((await commitModel({ model: model.quantized })).toString()).toBe(model.manifest.commitments.model);
    expect(sha256({ bytes: buildInt64Onnx({ model: model.quantized }) })).toBe(model.manifest.files.int64Onnx.sha256);
    expect(sha256({ bytes: model.floatOnnx })).toBe(model.manifest.files.floatOnnx.sha256);
  });

  it("regenerates the uncommitted int64 file next to the manifest", async () => {
    const { home, directory } = importedCopy("copy");
    expect(existsSync(join(directory, "model.int64.onnx"))).toBe(false);
    const model = await loadModel({ name: "copy", home });
    expect(model.bundled).toBe(false);
    expect(new Uint8Array(readFileSync(join(directory, "model.int64.onnx")))).toEqual(model.int64Onnx);
  });

  it("rejects a float file, an int64 file or a commitment that does not match the manifest", async () => {
    const tamperedFloat = importedCopy("float");
    const bytes = readFileSync(join(tamperedFloat.directory, "model.onnx"));
    bytes.writeUInt8(bytes.at(-1)! ^ 1, bytes.length - 1);
    writeFileSync(join(tamperedFloat.directory, "model.onnx"), bytes);
    await expect(loadModel({ name: "float", home: tamperedFloat.home })).rejects.toThrowError(FileHashMismatchError);

    const tamperedInt64 = importedCopy("int64");
    writeFileSync(join(tamperedInt64.directory, "model.int64.onnx"), new Uint8Array([1, 2, 3]));
    await expect(loadModel({ name: "int64", home: tamperedInt64.home })).rejects.toThrowError(
      /model.int64.onnx does not match/,
    );

    const wrongCommitment = importedCopy("commit");
    wrongCommitment.manifest.commitments.model = "12345";
    writeFileSync(wrongCommitment.manifestPath, JSON.stringify(wrongCommitment.manifest));
    await expect(loadModel({ name: "commit", home: wrongCommitment.home })).rejects.toThrowError(
      /commitments.model is 12345 but the weights commit to/,
    );

    const wrongScale = importedCopy("scale");
    wrongScale.manifest.scale = 7;
    wrongScale.manifest.quantization.scale = 7;
    writeFileSync(wrongScale.manifestPath, JSON.stringify(wrongScale.manifest));
    await expect(loadModel({ name: "scale", home: wrongScale.home })).rejects.toThrowError(InvalidManifestError);
  });

  it("says where it looked for a missing model, and rejects unsafe names", async () => {
    const home = mkdtempSync(join(tmpdir(), "models-load-"));
    await expect(loadModel({ name: "nope", home })).rejects.toThrowError(ModelNotFoundError);
    await expect(loadModel({ name: "nope", home })).rejects.toThrowError(
      new RegExp(`Looked in .*assets/nope and ${home}/models/nope`),
    );
    await expect(loadModel({ name: "../risk-v1", home })).rejects.toThrowError(InvalidModelNameError);
  });
});
