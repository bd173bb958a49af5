import { describe, expect, it } from "vitest";
import { createClauseView } from "../createClauseView.ts";
import { readPhrases } from "../readPhrases.ts";
import { tokenize } from "../tokenize.ts";
import { describeMentionIssue } from "./describeMentionIssue.ts";

const mention = (text: string) => createClauseView({ items: readPhrases({ lexemes: tokenize({ text }) }) }).amounts[0]!;

describe("describeMentionIssue", () => {
  it("names unknown and ambiguous tokens", () => {
    expect(describeMentionIssue({ mention: mention("100 DOGE") })).toMatch(/"DOGE"/);
    expect(describeMentionIssue({ mention: mention("100 seth") })).toMatch(/ETH or WETH/);
  });
  it("has nothing to say about a readable amount", () => {
    expect(describeMentionIssue({ mention: mention("100 usdc") })).toBeUndefined();
  });
});
