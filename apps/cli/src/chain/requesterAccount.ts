import { DEVNET_ROLE_INDEX } from "@convergence/contracts";
import { resolveAccount } from "@convergence/sdk";
import type { LocalAccount } from "viem";

/**
 * The requester (`job open`, and whose own feedback `workers list` trusts): REQUESTER_PRIVATE_KEY, or on the local
 * devnet the well-known account #0 (funded with USDC). The rule is the SDK's `resolveAccount`.
 *
 * @example
 * const account = requesterAccount({ chainId: 31337 });
 */
export function requesterAccount({ chainId }: { chainId: number }): LocalAccount {
  return resolveAccount({
    setting: "REQUESTER_PRIVATE_KEY",
    privateKey: process.env.REQUESTER_PRIVATE_KEY,
    chainId,
    devnetIndex: DEVNET_ROLE_INDEX.requester,
    needs: "an account holding the escrow's token",
  });
}
