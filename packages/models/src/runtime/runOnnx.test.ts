import { forward } from "@convergence/zk";
import { describe, expect, it } from "vitest";
import { InputMismatchError } from "../errors/runtime.ts";
import { buildFloatOnnx } from "../onnx/buildFloatOnnx.ts";
import { buildInt64Onnx } from "../onnx/buildInt64Onnx.ts";
import { randomQuantizedMlp } from "../random/randomQuantizedMlp.ts";
import { createOnnxSession } from "./createOnnxSession.ts";
import { runOnnx } from "./runOnnx.ts";

const floatBytes = buildFloatOnnx({
  model: {
    layers: [
      {
        weights: [
          [1, -1],
          [0.5, 2],
        ],
        bias: [0.25, 0],
        relu: false,
      },
    ],
  },
});
const quantized = randomQuantizedMlp({ widths: [3, 4, 2], scale: 8, seed: 8 });
const int64Bytes = buildInt64Onnx({ model: quantized });

describe("runOnnx", () => {
  it("runs a float32 model on numbers", async () => {
    expect((await runOnnx({ bytes: floatBytes, input: [3, 1] })).output).toEqual([2.25, 3.5]);
  });

  it("runs an int64 model on bigints, through bytes or a session", async () => {
    const input = [-32768n, 5n, 32767n];
    const expected = forward({ model: quantized, input }).output;
    expect((await runOnnx({ bytes: int64Bytes, input })).output).toEqual(expected);
    const session = await createOnnxSession({ bytes: int64Bytes });
    expect((await runOnnx({ session, input })).output).toEqual(expected);
    await session.session.release();
  });

  it("rejects numbers for an int64 model, bigints for a float one, and the wrong width", async () => {
    await expect(runOnnx({ bytes: int64Bytes, input: [1, 2, 3] })).rejects.toThrowError(InputMismatchError);
    await expect(runOnnx({ bytes: floatBytes, input: [1n, 2n] })).rejects.toThrowError(
      /expected 2 number values, received 2 bigint values/,
    );
    await expect(runOnnx({ bytes: int64Bytes, input: [1n, 2n] })).rejects.toThrowError(
      /expected 3 bigint values, received 2 bigint values/,
    );
    await expect(runOnnx({ bytes: floatBytes, input: [1, 2n as unknown as number] })).rejects.toThrowError(
      InputMismatchError,
    );
  });
});
