import { forward } from "@convergence/zk";
import { beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors/http.ts";
import { loadServedModels } from "./loadServedModels.ts";
import { runInference } from "./runInference.ts";
import type { ServedModel } from "./types.ts";

describe("runInference on risk-v1 (int64 ONNX, onnxruntime-node)", () => {
  let model: ServedModel;
  beforeAll(async () => {
    const models = await loadServedModels({ names: ["risk-v1"], home: "/nonexistent-convergence-home" });
    model = models.get("risk-v1")! as ServedModel;
  });

  it("quantizes float input with the model's scale and matches the fixed-point reference bit for bit", async () => {
    const input = [0.5, -1.25, 0.1, 2, -0.003, 0, 1.5, -2];
    const result = await runInference({ model, input });
    expect(result.quantizedInput).toEqual([128n, -320n, 26n, 512n, -1n, 0n, 384n, -512n]);
    const { output } = forward({ model: model.quantized, input: result.quantizedInput });
    expect(result.raw).toEqual(output);
    expect(result.values).toEqual(output.map((v) => Number(v) / 256));
    expect(["low", "medium", "high"]).toContain(result.label);
    const quantized = await runInference({ model, input: result.quantizedInput.map(Number), encoding: "quantized" });
    expect(quantized.raw).toEqual(result.raw);
  });

  it.each([
    [{ input: [1, 2, 3] }, "takes 8 values, received 3"],
    [{ input: [0, 0, 0, 0, 0, 0, 0, 1000] }, "input[7]"],
    [{ input: [0, 0, 0, 0, 0, 0, 0, 1.5], encoding: "quantized" as const }, "input[7] is 1.5"],
    [{ input: [0, 0, 0, 0, 0, 0, 0, 40_000], encoding: "quantized" as const }, "-32768 to 32767"],
  ])("refuses %j as INVALID_INPUT", async (parameters, message) => {
    const error = await runInference({ model, ...parameters }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ status: 400, code: "INVALID_INPUT" });
    expect((error as Error).message).toContain(message);
  });
});
