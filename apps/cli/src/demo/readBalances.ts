import type { Deployment } from "@convergence/contracts";
import { getBalances, stackTokens } from "@convergence/sdk";
import type { Address } from "viem";
import { connect } from "../chain/connect.ts";

export type ReadBalancesParameters = { rpcUrl: string; deployment: Pick<Deployment, "contracts">; account: Address };
export type ReadBalancesReturnType = Record<string, string>;

/**
 * ETH, WETH and USDC of an account, in whole units.
 *
 * @example
 * const { USDC } = await readBalances({ rpcUrl, deployment, account });
 */
export async function readBalances({
  rpcUrl,
  deployment,
  account,
}: ReadBalancesParameters): Promise<ReadBalancesReturnType> {
  const { publicClient } = await connect({ rpcUrl });
  const balances = await getBalances({ client: publicClient, account, tokens: stackTokens({ deployment }) });
  return Object.fromEntries(balances.map((b) => [b.symbol, b.formatted]));
}
