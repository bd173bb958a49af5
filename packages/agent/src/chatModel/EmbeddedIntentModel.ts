import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type BindToolsInput,
} from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { nextEmbeddedStep } from "./nextEmbeddedStep.ts";

export type EmbeddedIntentModelFields = BaseChatModelParams & {
  /** Names of the bound tools (set by bindTools). */
  boundToolNames?: readonly string[];
};

function toolName(tool: BindToolsInput): string | undefined {
  if (typeof tool !== "object" || tool === null) return undefined;
  if ("name" in tool && typeof tool.name === "string") return tool.name;
  if ("function" in tool && typeof tool.function === "object" && tool.function && "name" in tool.function) {
    return String(tool.function.name);
  }
  return undefined;
}

/**
 * The default chat model of the agent: deterministic, offline, no key. It reads the last human
 * message with the embedded intent parser and drives the plan one tool call per turn (see
 * nextEmbeddedStep), so it works inside LangChain's `createAgent` like any tool-calling model.
 *
 * @example
 * const agent = createAgent({ model: new EmbeddedIntentModel(), tools });
 * await agent.invoke({ messages: [{ role: "user", content: "wrap 1 ETH" }] });
 */
export class EmbeddedIntentModel extends BaseChatModel<BaseChatModelCallOptions> {
  readonly boundToolNames: readonly string[] | undefined;

  constructor(fields: EmbeddedIntentModelFields = {}) {
    super(fields);
    this.boundToolNames = fields.boundToolNames;
  }

  static override lc_name(): string {
    return "EmbeddedIntentModel";
  }

  _llmType(): string {
    return "convergence-embedded-intent";
  }

  override bindTools(tools: BindToolsInput[]): EmbeddedIntentModel {
    const names = tools.map(toolName).filter((name): name is string => name !== undefined);
    return new EmbeddedIntentModel({ boundToolNames: [...(this.boundToolNames ?? []), ...names] });
  }

  async _generate(
    messages: BaseMessage[],
    _options: this["ParsedCallOptions"],
    _runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const message = nextEmbeddedStep({ messages, toolNames: this.boundToolNames });
    const text = typeof message.content === "string" ? message.content : "";
    return { generations: [{ text, message }] };
  }
}
