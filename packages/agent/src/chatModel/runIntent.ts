import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { createAgent } from "langchain";
import { createAgentTools } from "../tools/createAgentTools.ts";
import type { AgentContext } from "../tools/types.ts";
import { agentSystemPrompt } from "./agentSystemPrompt.ts";
import { EmbeddedIntentModel } from "./EmbeddedIntentModel.ts";
import { isFailedToolResult } from "./isFailedToolResult.ts";
import { messageText } from "./messageText.ts";
import { toProviderError } from "./toProviderError.ts";

/** What happens during a run, in order: each planned call, each tool result, the final answer. */
export type AgentEvent =
  | { type: "call"; name: string; args: Record<string, unknown> }
  | { type: "result"; name: string; ok: boolean; text: string }
  | { type: "answer"; text: string };

export type RunIntentParameters = {
  intent: string;
  context: AgentContext;
  /** Default: the embedded model. */
  model?: BaseChatModel;
  /** Called as each event happens (the CLI prints them). */
  onEvent?: (event: AgentEvent) => void;
};

export type RunIntentReturnType = { events: AgentEvent[]; answer: string; messages: BaseMessage[] };

/**
 * Runs one intent through LangChain's createAgent with the eleven tools on `context`, streaming each
 * step: the planned call, the tool's result (a policy refusal or error is a failed result, never a
 * crash), and the final answer. Other models get the agent's system prompt. An unreachable model
 * server is an error naming its setting.
 *
 * @example
 * await runIntent({ intent: "wrap 1 ETH", context, onEvent: (e) => console.log(e) });
 */
export async function runIntent({
  intent,
  context,
  model = new EmbeddedIntentModel(),
  onEvent,
}: RunIntentParameters): Promise<RunIntentReturnType> {
  const agent = createAgent({
    model,
    tools: createAgentTools({ context }),
    ...(model instanceof EmbeddedIntentModel ? {} : { systemPrompt: agentSystemPrompt() }),
  });
  const events: AgentEvent[] = [];
  const messages: BaseMessage[] = [];
  const emit = (event: AgentEvent) => {
    events.push(event);
    onEvent?.(event);
  };
  try {
    const stream = await agent.stream({ messages: [new HumanMessage(intent)] }, { streamMode: "updates" });
    for await (const update of stream) {
      for (const node of Object.values(update as Record<string, { messages?: BaseMessage[] } | undefined>)) {
        for (const message of node?.messages ?? []) {
          messages.push(message);
          if (ToolMessage.isInstance(message)) {
            emit({
              type: "result",
              name: message.name ?? "tool",
              ok: !isFailedToolResult(message),
              text: messageText(message),
            });
          } else if (AIMessage.isInstance(message)) {
            const calls = message.tool_calls ?? [];
            for (const call of calls) emit({ type: "call", name: call.name, args: call.args });
            if (calls.length === 0) emit({ type: "answer", text: messageText(message) });
          }
        }
      }
    }
  } catch (error) {
    throw toProviderError({ error, model });
  }
  const answer = [...events].reverse().find((e) => e.type === "answer");
  return { events, answer: answer?.type === "answer" ? answer.text : "", messages };
}
