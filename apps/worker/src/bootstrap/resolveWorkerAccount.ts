import { DEVNET_CHAIN_ID, devnetAccounts } from "@convergence/contracts";
import type { Hex, LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { UnusableSettingError } from "../errors/config.ts";

export type ResolveWorkerAccountParameters = {
  /** WORKER_PRIVATE_KEY, already checked for form by loadConfig. */
  privateKey: Hex | undefined;
  chainId: number;
};

export type ResolveWorkerAccountReturnType = LocalAccount;

/** The devnet account the worker uses when WORKER_PRIVATE_KEY is unset: Hardhat account #2 (#0 deploys, #1 is the agent's wallet in `convergence agent`). */
export const DEVNET_WORKER_ACCOUNT_INDEX = 2;

/**
 * The worker's account: WORKER_PRIVATE_KEY, or on the local devnet (chain 31337) Hardhat's account #2. A well-known
 * devnet key is refused on any other chain: anyone could take its payments.
 *
 * @example
 * const account = resolveWorkerAccount({ privateKey: config.privateKey, chainId: 31337 });
 */
export function resolveWorkerAccount({
  privateKey,
  chainId,
}: ResolveWorkerAccountParameters): ResolveWorkerAccountReturnType {
  const devnet = devnetAccounts({ count: 20 });
  if (!privateKey) {
    if (chainId === DEVNET_CHAIN_ID) return devnet[DEVNET_WORKER_ACCOUNT_INDEX]!;
    throw new UnusableSettingError({
      variable: "WORKER_PRIVATE_KEY",
      problem: `not set, and chain ${chainId} is not the local devnet (31337).`,
      fix: "Export WORKER_PRIVATE_KEY=0x<64 hex digits> for an account with gas on that chain.",
    });
  }
  const account = privateKeyToAccount(privateKey);
  if (chainId !== DEVNET_CHAIN_ID && devnet.some((a) => a.address === account.address)) {
    throw new UnusableSettingError({
      variable: "WORKER_PRIVATE_KEY",
      problem: `is a public Hardhat devnet key, refused on chain ${chainId}.`,
      fix: "Use a private key of your own outside the local devnet.",
    });
  }
  return account;
}
