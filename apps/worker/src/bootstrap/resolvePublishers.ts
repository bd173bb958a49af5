import { DEVNET_CHAIN_ID, devnetRoleAccount } from "@convergence/contracts";
import type { Address } from "viem";

export type ResolvePublishersParameters = {
  /** WORKER_PUBLISHERS as loadConfig read it (checksummed), or undefined for the default. */
  publishers: readonly Address[] | undefined;
  /** The worker's own account. */
  account: Address;
  chainId: number;
};

export type ResolvePublishersReturnType = Address[];

/**
 * The owners whose ModelRegistry registrations this worker serves: WORKER_PUBLISHERS when set (exactly that list),
 * else the worker's own account (the registrations it makes itself with WORKER_AUTO_REGISTER) plus, on the local
 * devnet (chain 31337), Hardhat account #3, the publisher that runs phase 2 and registers models there.
 *
 * @example
 * const publishers = resolvePublishers({ publishers: config.publishers, account: account.address, chainId });
 */
export function resolvePublishers({
  publishers,
  account,
  chainId,
}: ResolvePublishersParameters): ResolvePublishersReturnType {
  if (publishers !== undefined) return [...publishers];
  if (chainId !== DEVNET_CHAIN_ID) return [account];
  return [...new Set([account, devnetRoleAccount({ role: "publisher" }).address])];
}
