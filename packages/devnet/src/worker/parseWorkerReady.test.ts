import { describe, expect, it } from "vitest";
import { WorkerReadyMessageError } from "../errors/worker.ts";
import { parseWorkerReady, type WorkerReadyMessage } from "./parseWorkerReady.ts";

const message = {
  type: "convergence:worker-ready",
  url: "http://127.0.0.1:40123",
  port: 40123,
  chainId: 31337,
  agentId: "7",
  account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  models: [
    { name: "risk-v1", modelId: "1" },
    { name: "linear-threshold", modelId: "12345678901234567890" },
  ],
} satisfies WorkerReadyMessage;

describe("parseWorkerReady", () => {
  it("types a readiness message: integers become bigints", () => {
    expect(parseWorkerReady({ message })).toEqual({
      url: "http://127.0.0.1:40123",
      port: 40123,
      chainId: 31337,
      agentId: 7n,
      account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
      models: [
        { name: "risk-v1", modelId: 1n },
        { name: "linear-threshold", modelId: 12345678901234567890n },
      ],
    });
  });

  it("ignores other messages", () => {
    expect(parseWorkerReady({ message: { type: "something-else", url: 1 } })).toBeUndefined();
    expect(parseWorkerReady({ message: "ready" })).toBeUndefined();
    expect(parseWorkerReady({ message: null })).toBeUndefined();
  });

  it.each([
    ["agentId as a number", { ...message, agentId: 7 }],
    ["agentId negative", { ...message, agentId: "-1" }],
    ["no url", { ...message, url: undefined }],
    ["port as a string", { ...message, port: "40123" }],
    ["account not an address", { ...message, account: "0x1234" }],
    ["models not a list", { ...message, models: { "risk-v1": "1" } }],
    ["a model id not an integer", { ...message, models: [{ name: "risk-v1", modelId: "1.5" }] }],
  ])("refuses a readiness message with %s, naming what was expected", (_case, malformed) => {
    expect(() => parseWorkerReady({ message: malformed })).toThrow(WorkerReadyMessageError);
    expect(() => parseWorkerReady({ message: malformed })).toThrow(/agentId \(decimal string\)/);
  });
});
