import { createClients, type ReadClient, type WriteClient } from "@convergence/sdk";
import { createPublicClient, http, type LocalAccount } from "viem";
import { RpcUnreachableError } from "../errors.ts";

export type ConnectParameters = { rpcUrl: string; account?: LocalAccount };
export type ConnectReturnType = { chainId: number; publicClient: ReadClient; walletClient: WriteClient | undefined };

/** Checks the RPC answers within seconds, then returns clients for its chain. */
export async function connect({ rpcUrl, account }: ConnectParameters): Promise<ConnectReturnType> {
  const probe = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 5_000 }) });
  let chainId: number;
  try {
    chainId = await probe.getChainId();
  } catch (error) {
    const reason =
      error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
    throw new RpcUnreachableError({ url: rpcUrl, reason: reason.split("\n")[0] ?? reason });
  }
  const { publicClient, walletClient } = createClients({ rpcUrl, chainId, ...(account ? { account } : {}) });
  return { chainId, publicClient, walletClient };
}
