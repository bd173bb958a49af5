import type { ClauseView } from "../createClauseView.ts";
import type { BuildResult } from "../types.ts";
import { readRecipient } from "./readRecipient.ts";

export type BuildBalancesCallParameters = { view: ClauseView; verbIndex: number };

/**
 * Builds `get_balances`: "what is my balance?", "how much USDC does 0x... have", "show the holdings
 * of did:ethr:...". The account is the one address or DID named; none means the agent's own.
 *
 * @example
 * buildBalancesCall({ view, verbIndex: 1 }); // get_balances {}
 */
export function buildBalancesCall({ view, verbIndex }: BuildBalancesCallParameters): BuildResult {
  view.use(verbIndex);
  const account = readRecipient({ view, role: "account", optional: true });
  if (!account.ok) return account;
  for (const token of view.tokens) view.use(token.index);
  return {
    ok: true,
    call: { name: "get_balances", args: account.value === undefined ? {} : { account: account.value } },
  };
}
