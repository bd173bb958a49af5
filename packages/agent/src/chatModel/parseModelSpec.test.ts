import { describe, expect, it } from "vitest";
import { UnknownModelError } from "../errors/model.ts";
import { parseModelSpec } from "./parseModelSpec.ts";

describe("parseModelSpec", () => {
  it("reads the three forms", () => {
    expect(parseModelSpec({ spec: "embedded" })).toEqual({ provider: "embedded" });
    expect(parseModelSpec({ spec: "OpenAI:gpt-4o-mini" })).toEqual({ provider: "openai", name: "gpt-4o-mini" });
    expect(parseModelSpec({ spec: "ollama:qwen2.5:7b" })).toEqual({ provider: "ollama", name: "qwen2.5:7b" });
  });
  it("refuses anything else, saying what is accepted", () => {
    for (const spec of ["gpt-4", "anthropic:claude", "openai:", ""]) {
      expect(() => parseModelSpec({ spec })).toThrow(UnknownModelError);
    }
    expect(() => parseModelSpec({ spec: "gpt-4" })).toThrow(/"openai:<model>"/);
  });
});
