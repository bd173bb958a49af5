import { type Address, erc20Abi, formatUnits } from "viem";
import type { ReadClient } from "../../client/types.ts";
import type { TokenInfo } from "./types.ts";

export type GetBalancesParameters = { client: ReadClient; account: Address; tokens: readonly TokenInfo[] };
export type Balance = TokenInfo & { raw: bigint; formatted: string };

/**
 * Balances of an account for native ETH and ERC-20 tokens, raw and in whole units.
 *
 * @example
 * const balances = await getBalances({ client, account, tokens: stackTokens({ deployment }) });
 */
export async function getBalances({ client, account, tokens }: GetBalancesParameters): Promise<Balance[]> {
  return Promise.all(
    tokens.map(async (token) => {
      const raw = token.address
        ? await client.readContract({
            address: token.address,
            abi: erc20Abi,
            functionName: "balanceOf",
            args: [account],
          })
        : await client.getBalance({ address: account });
      return { ...token, raw, formatted: formatUnits(raw, token.decimals) };
    }),
  );
}
