import { readDeployment } from "@convergence/contracts";
import type { WriteClient } from "@convergence/sdk";
import type { Address, LocalAccount } from "viem";
import { SettingError } from "../errors.ts";
import { connect } from "./connect.ts";
import { publisherAccount } from "./publisherAccount.ts";

export type ConnectModelRegistryParameters = { rpcUrl: string };

export type ConnectModelRegistryReturnType = {
  /** Signs as the model publisher (PUBLISHER_PRIVATE_KEY, or devnet account #3 on chain 31337). */
  client: WriteClient;
  /** The publisher: it signs the phase-2 contribution of any setup made for this registration. */
  publisher: LocalAccount;
  chainId: number;
  registry: Address;
  /** Where to search for earlier registrations: the deployment's start block. */
  fromBlock: bigint;
};

/**
 * What `model add` and `circuit add` register with: the publisher's account and client and this chain's ModelRegistry, checked to
 * have code, so a chain that is down or not deployed fails in seconds, before any heavy step.
 *
 * @example
 * const { client, registry, fromBlock } = await connectModelRegistry({ rpcUrl: "http://127.0.0.1:8545" });
 */
export async function connectModelRegistry({
  rpcUrl,
}: ConnectModelRegistryParameters): Promise<ConnectModelRegistryReturnType> {
  const { chainId } = await connect({ rpcUrl });
  const publisher = publisherAccount({ chainId });
  const { publicClient, walletClient } = await connect({ rpcUrl, account: publisher });
  const deployment = readDeployment({ chainId });
  const registry = deployment.contracts.ModelRegistry;
  if (!(await publicClient.getCode({ address: registry }))) {
    throw new SettingError({
      setting: "deployment",
      problem: `ModelRegistry ${registry} of chain ${chainId} has no code at ${rpcUrl}.`,
      fix: "Deploy the stack first: pnpm convergence deploy (or pnpm chain for the local devnet).",
    });
  }
  return { client: walletClient!, publisher, chainId, registry, fromBlock: BigInt(deployment.startBlock) };
}
