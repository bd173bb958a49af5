import type { PlannedCall, TokenSymbol } from "../intent/types.ts";

export type SpendOfParameters = { call: Pick<PlannedCall, "name" | "args"> };
/** What a call spends, in whole units, or undefined for calls that spend only gas. */
export type SpendOfReturnType = { token: TokenSymbol; amount: string } | undefined;

const asToken = (value: unknown): TokenSymbol | undefined =>
  value === "ETH" || value === "WETH" || value === "USDC" ? value : undefined;

/**
 * The token and amount a call takes out of the wallet: a transfer's amount, a swap's amount in, the
 * ETH wrapped or WETH unwrapped, an inference's most-to-pay in USDC, a quick inference's quoted price in USDC (its
 * ceiling while it has no quote yet: never less than it can cost).
 *
 * @example
 * spendOf({ call: { name: "swap_tokens", args: { tokenIn: "USDC", tokenOut: "WETH", amountIn: "100" } } }); // { token: "USDC", amount: "100" }
 */
export function spendOf({ call }: SpendOfParameters): SpendOfReturnType {
  const { args } = call;
  switch (call.name) {
    case "transfer_tokens": {
      const token = asToken(args.token);
      return token ? { token, amount: String(args.amount) } : undefined;
    }
    case "swap_tokens": {
      const token = asToken(args.tokenIn);
      return token ? { token, amount: String(args.amountIn) } : undefined;
    }
    case "wrap_eth":
      return { token: "ETH", amount: String(args.amount) };
    case "unwrap_eth":
      return { token: "WETH", amount: String(args.amount) };
    case "request_verified_inference":
      return { token: "USDC", amount: String(args.maxPayment) };
    case "get_quick_inference":
      return { token: "USDC", amount: String(args.price ?? args.maxPayment) };
    default:
      return undefined;
  }
}
