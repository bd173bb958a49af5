import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import { BaseChatModel, type BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage, type ToolMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

export type ScriptedToolCall = { name: string; args: Record<string, unknown> };

// Test double for a chat model (what a hostile or over-eager LLM does): its first turn emits all the
// given tool calls in ONE message, as GPT-style parallel tool calling does; createAgent then runs them
// concurrently. Its second turn lists the tool results verbatim.
// Exported as @convergence/agent/testing for the end-to-end suites (test/adversary): one copy of the double.
export class ScriptedToolCallsModel extends BaseChatModel<BaseChatModelCallOptions> {
  constructor(readonly calls: readonly ScriptedToolCall[]) {
    super({});
  }
  _llmType(): string {
    return "scripted-tool-calls";
  }
  override bindTools(): ScriptedToolCallsModel {
    return this;
  }
  async _generate(
    messages: BaseMessage[],
    _options: this["ParsedCallOptions"],
    _runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const results = messages.filter((m): m is ToolMessage => m.getType() === "tool");
    const message =
      results.length === 0
        ? new AIMessage({
            content: "",
            tool_calls: this.calls.map((call, i) => ({ id: `call_${i}`, type: "tool_call", ...call })),
          })
        : new AIMessage(results.map((r) => String(r.content)).join("\n"));
    return { generations: [{ text: typeof message.content === "string" ? message.content : "", message }] };
  }
}
