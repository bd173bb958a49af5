import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors/http.ts";
import { loadServedModels } from "./loadServedModels.ts";
import { runInference } from "./runInference.ts";
import { servedShape } from "./servedShape.ts";
import type { Served } from "./types.ts";

describe("runInference on a circuit package (linear-threshold: the TypeScript reference)", () => {
  let home: string;
  let model: Served;
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "worker-circuit-"));
    mkdirSync(join(home, "circuits"));
    cpSync(
      join(workspaceRoot(), "circuits", "examples", "linear-threshold"),
      join(home, "circuits", "linear-threshold"),
      {
        recursive: true,
      },
    );
    model = (await loadServedModels({ names: ["linear-threshold"], home })).get("linear-threshold")!;
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it("loads the package from $CONVERGENCE_HOME/circuits/<name> with its layout", () => {
    expect(model.kind).toBe("circuit");
    expect(servedShape({ served: model })).toEqual({
      numInputs: 8,
      inputScale: 8,
      inputMin: -32768,
      inputMax: 32767,
      outputScales: [8, 0],
      labels: [],
    });
  });

  it("quantizes with the package's input scale and answers score and decision, each with its own scale", async () => {
    const result = await runInference({ model, input: [1, -2, 100 / 256, 0, 3000 / 256, -7 / 256, 1 / 256, 2 / 256] });
    expect(result.quantizedInput).toEqual([256n, -512n, 100n, 0n, 3000n, -7n, 1n, 2n]);
    expect(result.raw).toEqual([240n, 1n]);
    expect(result.values).toEqual([240 / 256, 1]);
    expect(result.label).toBeUndefined();
  });

  it.each([
    [{ input: [1, 2, 3] }, "takes 8 values, received 3"],
    [{ input: [0, 0, 0, 0, 0, 0, 0, 40_000], encoding: "quantized" as const }, "-32768 to 32767"],
  ])("refuses %j as INVALID_INPUT", async (parameters, message) => {
    const error = await runInference({ model, ...parameters }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain(message);
  });
});
