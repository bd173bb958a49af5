import { createChatModel, type Plan, planIntent, toPlanJson } from "@convergence/agent";
import type { Command } from "commander";
import { printResult } from "../output.ts";

/** One line per planned call: `1. swap_tokens tokenIn=USDC tokenOut=WETH amountIn=100  (only if risk == low)`. */
function describePlan(plan: Plan): string {
  if (plan.refusal !== undefined) return `Refused: ${plan.refusal}`;
  return [
    ...plan.calls.map((call, i) => {
      const args = Object.entries(call.args)
        .map(([key, value]) => `${key}=${value}`)
        .join(" ");
      return `${i + 1}. ${call.name} ${args}${call.condition ? `  (only if ${call.condition.text}, from step ${call.condition.dependsOn + 1})` : ""}`;
    }),
    "Nothing was sent (plan only).",
  ].join("\n");
}

/**
 * `convergence agent plan "<intent>"`: prints the planned tool calls in the design's format and sends
 * nothing. `--model` (or CONVERGENCE_MODEL) picks the chat model: embedded (default), openai:<model>,
 * ollama:<model>.
 */
export function registerAgentCommand(program: Command): void {
  const agent = program.command("agent").description("Turn English intents into tool calls on the chain.");
  agent
    .command("plan")
    .description("Print the tool calls an intent would make, without sending anything.")
    .argument("<intent>", 'what you want, in English, e.g. "swap 100 USDC for WETH"')
    .option("--json", 'print {"calls":[...]} or {"calls":[],"refusal":"..."}')
    .option(
      "--model <provider:name>",
      "embedded, openai:<model> or ollama:<model> (default CONVERGENCE_MODEL or embedded)",
    )
    .action(async (intent: string, options: { json?: boolean; model?: string }) => {
      const model = createChatModel(options.model === undefined ? {} : { model: options.model });
      const plan = await planIntent({ intent, model });
      printResult({ json: options.json, data: toPlanJson({ plan }), human: () => describePlan(plan) });
    });
}
