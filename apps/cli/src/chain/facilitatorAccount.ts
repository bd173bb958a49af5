import { DEVNET_ROLE_INDEX } from "@convergence/contracts";
import { resolveAccount } from "@convergence/sdk";
import type { LocalAccount } from "viem";

/**
 * The x402 facilitator's account: it sends the settlement transactions of paid calls and pays their gas.
 * FACILITATOR_PRIVATE_KEY, or on the local devnet its account #6: a key of its own, so the payments it settles never
 * mix with a worker's or payer's nonces. The rule (malformed, missing or public devnet keys refused off
 * chain 31337) is the SDK's `resolveAccount`.
 *
 * @example
 * const facilitator = facilitatorAccount({ chainId: 31337 });
 */
export function facilitatorAccount({ chainId }: { chainId: number }): LocalAccount {
  return resolveAccount({
    setting: "FACILITATOR_PRIVATE_KEY",
    privateKey: process.env.FACILITATOR_PRIVATE_KEY,
    chainId,
    devnetIndex: DEVNET_ROLE_INDEX.facilitator,
    needs: "the x402 facilitator's account, funded with ETH for gas",
  });
}
