import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { nextEmbeddedStep } from "./nextEmbeddedStep.ts";

describe("nextEmbeddedStep", () => {
  it("emits the first call of the plan, then the next after its result", () => {
    const human = new HumanMessage("wrap 1 ETH then unwrap 0.5 WETH");
    const first = nextEmbeddedStep({ messages: [human], toolNames: undefined });
    expect(first.tool_calls).toEqual([
      { id: "embedded_0_0", name: "wrap_eth", args: { amount: "1" }, type: "tool_call" },
    ]);
    const result = new ToolMessage({ content: '{"hash":"0x1"}', tool_call_id: "embedded_0_0" });
    const second = nextEmbeddedStep({ messages: [human, first, result], toolNames: undefined });
    expect(second.tool_calls?.[0]).toMatchObject({ id: "embedded_0_1", name: "unwrap_eth" });
    const done = nextEmbeddedStep({
      messages: [human, first, result, second, new ToolMessage({ content: "{}", tool_call_id: "embedded_0_1" })],
      toolNames: undefined,
    });
    expect(done.tool_calls ?? []).toEqual([]);
    expect(done.content).toMatch(/^Done\./);
  });
  it("stops when a result is missing or failed", () => {
    const human = new HumanMessage("wrap 1 ETH then unwrap 0.5 WETH");
    const first = nextEmbeddedStep({ messages: [human], toolNames: undefined });
    expect(nextEmbeddedStep({ messages: [human, first], toolNames: undefined }).content).toMatch(/no result came back/);
  });
  it("asks for an intent when there is no human message", () => {
    expect(nextEmbeddedStep({ messages: [new AIMessage("hi")], toolNames: [] }).content).toMatch(/Tell me what to do/);
  });
});
