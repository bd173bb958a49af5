import type { BaseMessage } from "@langchain/core/messages";

/**
 * The text of a message's content, whether a string or content blocks.
 *
 * @example
 * messageText(new HumanMessage("wrap 1 ETH")); // "wrap 1 ETH"
 */
export function messageText(message: BaseMessage): string {
  const { content } = message;
  if (typeof content === "string") return content;
  return content
    .map((part) => (typeof part === "string" ? part : "text" in part && typeof part.text === "string" ? part.text : ""))
    .join("");
}
