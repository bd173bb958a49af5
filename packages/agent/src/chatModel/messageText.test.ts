import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { messageText } from "./messageText.ts";

describe("messageText", () => {
  it("reads string content and text blocks", () => {
    expect(messageText(new HumanMessage("wrap 1 ETH"))).toBe("wrap 1 ETH");
    expect(
      messageText(
        new AIMessage({
          content: [
            { type: "text", text: "a" },
            { type: "text", text: "b" },
          ],
        }),
      ),
    ).toBe("ab");
  });
});
