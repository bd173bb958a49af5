import type { ToolMessage } from "@langchain/core/messages";
import { messageText } from "./messageText.ts";

/**
 * Whether a tool result says the call did not complete: an error status (a tool that threw), or
 * text starting "Error" or "Refused" (what the agent's tools return on failure or a policy refusal).
 *
 * @example
 * isFailedToolResult(new ToolMessage({ content: "Refused (daily-cap): ...", tool_call_id: "1" })); // true
 */
export function isFailedToolResult(message: ToolMessage): boolean {
  return message.status === "error" || /^(error|refused)\b/i.test(messageText(message).trimStart());
}
