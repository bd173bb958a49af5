import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OnnxRuntimeError } from "../errors/runtime.ts";
import { buildFloatOnnx } from "../onnx/buildFloatOnnx.ts";
import { buildInt64Onnx } from "../onnx/buildInt64Onnx.ts";
import { randomQuantizedMlp } from "../random/randomQuantizedMlp.ts";
import { createOnnxSession } from "./createOnnxSession.ts";

describe("createOnnxSession", () => {
  it("loads float32 and int64 models from bytes or a path and describes their input", async () => {
    const float = buildFloatOnnx({
      model: { layers: [{ weights: [[1, 2, 3]], bias: [0], relu: false }] },
      inputName: "features",
    });
    const path = join(mkdtempSync(join(tmpdir(), "models-session-")), "float.onnx");
    writeFileSync(path, float);
    const fromPath = await createOnnxSession({ path });
    expect(fromPath).toMatchObject({ inputName: "features", outputName: "output", dataType: "float32", inputWidth: 3 });
    const int64 = await createOnnxSession({
      bytes: buildInt64Onnx({ model: randomQuantizedMlp({ widths: [5, 2], scale: 4, seed: 1 }) }),
    });
    expect(int64).toMatchObject({ dataType: "int64", inputWidth: 5 });
    await fromPath.session.release();
    await int64.session.release();
  });

  it("wraps onnxruntime's failure to load bytes that are not a model", async () => {
    await expect(createOnnxSession({ bytes: new Uint8Array([1, 2, 3]) })).rejects.toThrowError(OnnxRuntimeError);
    await expect(createOnnxSession({ path: "/nonexistent/model.onnx" })).rejects.toThrowError(
      /failed to load \/nonexistent\/model.onnx/,
    );
  });
});
