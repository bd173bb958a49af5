import { DEVNET_CHAIN_ID, devnetAccounts } from "@convergence/contracts";
import type { LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { SettingError } from "../errors.ts";

/**
 * The account that deploys: DEPLOYER_PRIVATE_KEY, or on the local devnet its first well-known account.
 * A well-known devnet key is refused on any other chain.
 */
export function deployerAccount({ chainId }: { chainId: number }): LocalAccount {
  const key = process.env.DEPLOYER_PRIVATE_KEY;
  const devnet = devnetAccounts({ count: 10 });
  if (!key) {
    if (chainId === DEVNET_CHAIN_ID) return devnet[0] as LocalAccount;
    throw new SettingError({
      setting: "DEPLOYER_PRIVATE_KEY",
      problem: `not set, and chain ${chainId} is not the local devnet (31337).`,
      fix: "Export DEPLOYER_PRIVATE_KEY=0x<64 hex digits> for a funded account on that chain, or use --rpc for the local chain.",
    });
  }
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) {
    throw new SettingError({
      setting: "DEPLOYER_PRIVATE_KEY",
      problem: "is not a private key.",
      fix: "Expected 0x followed by 64 hex digits.",
    });
  }
  const account = privateKeyToAccount(key as `0x${string}`);
  if (chainId !== DEVNET_CHAIN_ID && devnet.some((a) => a.address === account.address)) {
    throw new SettingError({
      setting: "DEPLOYER_PRIVATE_KEY",
      problem: `is a public Hardhat devnet key, refused on chain ${chainId}.`,
      fix: "Use a private key of your own outside the local devnet.",
    });
  }
  return account;
}
