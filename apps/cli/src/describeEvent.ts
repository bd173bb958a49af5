import type { AgentEvent } from "@convergence/agent";

/**
 * One streamed line of an agent run: `→ swap_tokens {...}`, `✔ swap_tokens: {...}`, `✖ transfer_tokens: Refused (...)`,
 * or the answer. A final "Done." answer lists every tool result again; streamed, each result is already on screen
 * above it, so only its first line is shown (the JSON output keeps the whole answer).
 *
 * @example
 * onEvent: (event) => say(describeEvent(event))
 */
export function describeEvent(event: AgentEvent): string {
  if (event.type === "call") return `→ ${event.name} ${JSON.stringify(event.args)}`;
  if (event.type === "result") return `${event.ok ? "✔" : "✖"} ${event.name}: ${event.text}`;
  return event.text.startsWith("Done.\n") ? "Done." : event.text;
}
