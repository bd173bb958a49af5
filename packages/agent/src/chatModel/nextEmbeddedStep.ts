import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { evaluateCondition } from "../intent/evaluateCondition.ts";
import { parseIntent } from "../intent/parseIntent.ts";
import { isFailedToolResult } from "./isFailedToolResult.ts";
import { messageText as textOf } from "./messageText.ts";

export type NextEmbeddedStepParameters = {
  messages: BaseMessage[];
  /** Names of the tools bound to the model; undefined means any. */
  toolNames: readonly string[] | undefined;
};

const idPrefix = "embedded";

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The embedded model's next message in an agent loop. It plans the last human message with the
 * intent parser, then emits one tool call per turn, reading the tool results that came back:
 * a failed step stops the plan, a call whose condition does not hold (or cannot be read from the
 * attested result) is not made, and when every step is done it answers with a summary. A refusal
 * is a plain answer with the reason and no tool call.
 *
 * @example
 * const reply = nextEmbeddedStep({ messages: [new HumanMessage("wrap 1 ETH")], toolNames: ["wrap_eth"] });
 * reply.tool_calls; // [{ name: "wrap_eth", args: { amount: "1" }, id: "embedded_0_0", type: "tool_call" }]
 */
export function nextEmbeddedStep({ messages, toolNames }: NextEmbeddedStepParameters): AIMessage {
  let human = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (HumanMessage.isInstance(messages[i])) {
      human = i;
      break;
    }
  }
  if (human < 0) return new AIMessage('Tell me what to do, e.g. "swap 100 USDC for WETH".');
  const plan = parseIntent({ text: textOf(messages[human]!) });
  if (plan.refusal !== undefined) return new AIMessage(plan.refusal);
  if (toolNames) {
    const missing = [...new Set(plan.calls.map((c) => c.name))].filter((name) => !toolNames.includes(name));
    if (missing.length > 0) {
      return new AIMessage(`The plan needs tools that are not available here: ${missing.join(", ")}. Nothing was run.`);
    }
  }
  const after = messages.slice(human + 1);
  const emitted = after.flatMap((m) => (AIMessage.isInstance(m) ? (m.tool_calls ?? []) : []));
  const results = new Map<string, ToolMessage>();
  for (const m of after) if (ToolMessage.isInstance(m)) results.set(m.tool_call_id, m);
  const resultOf = (step: number) => results.get(emitted[step]?.id ?? "");
  const done = emitted.length;
  const total = plan.calls.length;
  if (done > 0) {
    const last = resultOf(done - 1);
    if (!last || isFailedToolResult(last)) {
      const why = last ? textOf(last) : "no result came back";
      const rest = total - done;
      return new AIMessage(
        `Step ${done} (${plan.calls[done - 1]?.name}) did not complete: ${why}${rest > 0 ? `\nI stopped there: ${rest} later step${rest > 1 ? "s were" : " was"} not run.` : ""}`,
      );
    }
  }
  if (done >= total) {
    const lines = plan.calls.map(
      (call, i) => `${i + 1}. ${call.name}: ${resultOf(i) ? textOf(resultOf(i)!) : "(no result)"}`,
    );
    return new AIMessage(`Done.\n${lines.join("\n")}`);
  }
  const call = plan.calls[done]!;
  if (call.condition) {
    const source = resultOf(call.condition.dependsOn);
    const verdict = source
      ? evaluateCondition({ condition: call.condition, output: parseJson(textOf(source)) })
      : ({ known: false, reason: "its result is missing" } as const);
    const skipped = total - done;
    const tail = `${skipped > 1 ? ` and ${skipped - 1} later step${skipped > 2 ? "s" : ""}` : ""}`;
    if (!verdict.known) {
      return new AIMessage(
        `I could not check the condition "${call.condition.text}" (${verdict.reason}), so I did not run ${call.name}${tail}.`,
      );
    }
    if (!verdict.met) {
      return new AIMessage(
        `The condition "${call.condition.text}" does not hold (${verdict.observed}): I did not run ${call.name}${tail}.`,
      );
    }
  }
  return new AIMessage({
    content: `Step ${done + 1} of ${total}: ${call.name}${call.condition ? ` (condition "${call.condition.text}" holds)` : ""}.`,
    tool_calls: [{ id: `${idPrefix}_${human}_${done}`, name: call.name, args: call.args, type: "tool_call" }],
  });
}
