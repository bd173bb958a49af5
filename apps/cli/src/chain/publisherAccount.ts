import { DEVNET_ROLE_INDEX } from "@convergence/contracts";
import { resolveAccount } from "@convergence/sdk";
import type { LocalAccount } from "viem";

/**
 * The model publisher: it runs the phase-2 setup (signing its contribution) and registers models and circuits.
 * PUBLISHER_PRIVATE_KEY, or on the local devnet its account #3, never the worker's (#2): a prover that made the
 * setup that judges it could forge proofs (issue #14). The rule (malformed, missing or public devnet keys refused off
 * chain 31337) is the SDK's `resolveAccount`.
 *
 * @example
 * const publisher = publisherAccount({ chainId: 31337 });
 */
export function publisherAccount({ chainId }: { chainId: number }): LocalAccount {
  return resolveAccount({
    setting: "PUBLISHER_PRIVATE_KEY",
    privateKey: process.env.PUBLISHER_PRIVATE_KEY,
    chainId,
    devnetIndex: DEVNET_ROLE_INDEX.publisher,
    needs: "the model publisher's funded account",
  });
}
