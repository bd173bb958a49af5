import { DEVNET_CHAIN_ID, DEVNET_ROLE_INDEX } from "@convergence/contracts";
import { resolveAccount } from "@convergence/sdk";
import type { LocalAccount } from "viem";

/**
 * Who signs a `convergence zk contribute` contribution: CONTRIBUTOR_PRIVATE_KEY, or when unset the devnet publisher
 * (account #3, a public key: its signature attests a devnet contribution only). A contribution is chain-independent,
 * so the key is checked by the SDK's `resolveAccount` as on the devnet: malformed keys are refused.
 *
 * @example
 * const contributor = contributorAccount();
 */
export function contributorAccount(): LocalAccount {
  return resolveAccount({
    setting: "CONTRIBUTOR_PRIVATE_KEY",
    privateKey: process.env.CONTRIBUTOR_PRIVATE_KEY,
    chainId: DEVNET_CHAIN_ID,
    devnetIndex: DEVNET_ROLE_INDEX.publisher,
  });
}
