import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { parseIntent } from "../intent/parseIntent.ts";
import type { Plan, ToolName } from "../intent/types.ts";
import { agentToolDefinitions } from "../tools/agentToolDefinitions.ts";
import { agentSystemPrompt } from "./agentSystemPrompt.ts";
import { EmbeddedIntentModel } from "./EmbeddedIntentModel.ts";
import { messageText } from "./messageText.ts";
import { toProviderError } from "./toProviderError.ts";

export type PlanIntentParameters = {
  intent: string;
  /** Default: the embedded model. */
  model?: BaseChatModel;
};

/**
 * Plans an intent without sending anything. The embedded model returns its whole plan, conditions
 * included. Any other chat model gets the eleven tool schemas and the system prompt, and its first
 * turn of tool calls is the plan; each call is checked against its tool's schema, and a call that
 * does not fit refuses the plan (the model's text, when it calls nothing, is the refusal).
 *
 * @example
 * const plan = await planIntent({ intent: "swap 100 USDC for WETH" });
 */
export async function planIntent({ intent, model = new EmbeddedIntentModel() }: PlanIntentParameters): Promise<Plan> {
  if (model instanceof EmbeddedIntentModel) return parseIntent({ text: intent });
  const definitions = agentToolDefinitions();
  if (!model.bindTools) throw new TypeError(`${model._llmType()} cannot call tools`);
  const bound = model.bindTools([...definitions]);
  let reply: Awaited<ReturnType<typeof bound.invoke>>;
  try {
    reply = await bound.invoke([new SystemMessage(agentSystemPrompt()), new HumanMessage(intent)]);
  } catch (error) {
    throw toProviderError({ error, model });
  }
  const toolCalls = reply.tool_calls ?? [];
  if (toolCalls.length === 0) {
    const text = messageText(reply).trim();
    return { calls: [], refusal: text || "The model planned no tool calls." };
  }
  const calls: Plan["calls"] = [];
  for (const call of toolCalls) {
    const definition = definitions.find((d) => d.name === call.name);
    if (!definition)
      return { calls: [], refusal: `The model called an unknown tool "${call.name}"; nothing was planned.` };
    const parsed = definition.schema.safeParse(call.args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        calls: [],
        refusal: `The model's ${call.name} call does not fit its schema (${issue?.path.join(".")}: ${issue?.message}); nothing was planned.`,
      };
    }
    calls.push({ name: call.name as ToolName, args: parsed.data as Record<string, string | number> });
  }
  return { calls };
}
