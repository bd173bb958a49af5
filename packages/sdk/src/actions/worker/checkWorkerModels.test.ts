import { describe, expect, it } from "vitest";
import { servedRiskModel } from "../../../test/workerAnswers.ts";
import { WorkerInvalidAnswerError } from "../../errors/worker.ts";
import { checkWorkerModels } from "./checkWorkerModels.ts";

const url = "http://127.0.0.1:8080/v1/models";
const model = servedRiskModel;

describe("checkWorkerModels", () => {
  it("passes the models of the worker's API through", () => {
    expect(
      checkWorkerModels({
        body: { models: [model, { ...model, modelId: null, minPrice: "0.16", agentId: "3" }] },
        url,
      }),
    ).toHaveLength(2);
  });
  it.each([
    ["no models list", {}, "models"],
    ["a model id with a decimal point", { models: [{ ...model, modelId: "1.5" }] }, "models[0].modelId"],
    ["a negative model id", { models: [model, { ...model, modelId: "-1" }] }, "models[1].modelId"],
    ["a hex model id", { models: [{ ...model, modelId: "0x1" }] }, "models[0].modelId"],
    ["model id 0", { models: [{ ...model, modelId: "0" }] }, "models[0].modelId"],
    ["a fractional scale", { models: [{ ...model, scale: 8.5 }] }, "models[0].scale"],
    ["a shape of one layer", { models: [{ ...model, shape: [8] }] }, "models[0].shape"],
    ["a price floor that is not an amount", { models: [{ ...model, minPrice: "1e3" }] }, "models[0].minPrice"],
    [
      "a price floor finer than USDC's decimals",
      { models: [{ ...model, minPrice: "0.0000001" }] },
      "models[0].minPrice",
    ],
    ["an agent id that is not a decimal", { models: [{ ...model, agentId: 3 }] }, "models[0].agentId"],
    ["agent id 0", { models: [{ ...model, agentId: "0" }] }, "models[0].agentId"],
    [
      "an identity signature that is not 65 bytes",
      { models: [{ ...model, agentId: "3", identity: { challenge: `0x${"ab".repeat(32)}`, signature: "0x1234" } }] },
      "models[0].identity",
    ],
    [
      "an identity without its challenge",
      { models: [{ ...model, agentId: "3", identity: { signature: `0x${"ab".repeat(65)}` } }] },
      "models[0].identity",
    ],
    ["an output without a scale", { models: [{ ...model, outputs: [{ name: "score" }] }] }, "models[0].outputs"],
  ])("refuses %s, naming the field", (_what, body, field) => {
    expect(() => checkWorkerModels({ body, url })).toThrowError(WorkerInvalidAnswerError);
    expect(() => checkWorkerModels({ body, url })).toThrowError(`${field} is not`);
  });
});
