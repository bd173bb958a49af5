import type { AmountMention } from "../createClauseView.ts";

export type DescribeMentionIssueParameters = { mention: AmountMention };

/**
 * Why an amount phrase cannot be read, if it cannot: an unknown token after the number ("100 DOGE")
 * or a misspelling that could be two tokens.
 *
 * @example
 * describeMentionIssue({ mention }); // 'I do not know the token "DOGE": I can use ETH, WETH and USDC.'
 */
export function describeMentionIssue({ mention }: DescribeMentionIssueParameters): string | undefined {
  if (mention.unknownToken !== undefined) {
    return `I do not know the token "${mention.unknownToken}": I can use ETH, WETH and USDC.`;
  }
  if (mention.ambiguous !== undefined) {
    return `"${mention.ambiguous.text}" could be ${mention.ambiguous.candidates.join(" or ")}: spell the token out.`;
  }
  return undefined;
}
