import { DEVNET_ROLE_INDEX } from "@convergence/contracts";
import { resolveAccount } from "@convergence/sdk";
import type { LocalAccount } from "viem";

/**
 * The account that deploys the stack: DEPLOYER_PRIVATE_KEY, or on the local devnet its account #0 (models are
 * registered by the publisher, `publisherAccount`). The rule
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
    devnetIndex: DEVNET_ROLE_INDEX.deployer,
    needs: "a funded account",
  });
}
