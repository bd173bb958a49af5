import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  publicActions,
} from "viem";
import { hardhat } from "viem/chains";
import type { ReadClient, WriteClient } from "./types.ts";

export type CreateClientsParameters = {
  rpcUrl: string;
  chainId: number;
  account?: Account;
};

export type CreateClientsReturnType = { chain: Chain; publicClient: ReadClient; walletClient: WriteClient | undefined };

/**
 * Public and (with an account) wallet clients for one RPC endpoint. Chain 31337 is the local Hardhat
 * devnet; any other id gets a minimal chain definition.
 *
 * @example
 * const { publicClient, walletClient } = createClients({ rpcUrl, chainId: 31337, account });
 */
export function createClients({ rpcUrl, chainId, account }: CreateClientsParameters): CreateClientsReturnType {
  const chain =
    chainId === hardhat.id
      ? hardhat
      : defineChain({
          id: chainId,
          name: `chain ${chainId}`,
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          rpcUrls: { default: { http: [rpcUrl] } },
        });
  const transport = http(rpcUrl, { retryCount: 1, timeout: 30_000 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 200 });
  const walletClient = account
    ? createWalletClient({ chain, transport, account, pollingInterval: 200 }).extend(publicActions)
    : undefined;
  return { chain, publicClient, walletClient };
}
