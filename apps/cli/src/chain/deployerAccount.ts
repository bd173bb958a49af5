import { resolveAccount } from "@convergence/sdk";
import type { LocalAccount } from "viem";

/**
 * The account that deploys and registers: DEPLOYER_PRIVATE_KEY, or on the local devnet its account #0. The rule
 * (malformed, missing or public devnet keys refused off chain 31337) is the SDK's `resolveAccount`.
 *
 * @example
 * const account = deployerAccount({ chainId: 31337 });
 */
export function deployerAccount({ chainId }: { chainId: number }): LocalAccount {
  return resolveAccount({
    setting: "DEPLOYER_PRIVATE_KEY",
    privateKey: process.env.DEPLOYER_PRIVATE_KEY,
    chainId,
    devnetIndex: 0,
    needs: "a funded account",
  });
}
