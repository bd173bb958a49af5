import { inferenceEscrowAbi, reputationRegistryAbi } from "@convergence/contracts";
import { type Address, isAddressEqual } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { MarketContractsMismatchError } from "../../errors/market.ts";

export type CheckMarketContractsParameters = {
  client: ReadClient;
  /** The InferenceEscrow the job would be opened in: the source of truth for the AgentRegistry. */
  escrow: Address;
  /** The market's registry addresses (deployment.contracts). */
  contracts: { AgentRegistry: Address; ReputationRegistry: Address };
};

/**
 * Holds the market's registry addresses against the chain: `contracts.AgentRegistry` must be the escrow's
 * agentRegistry() (the registry whose agent wallets the escrow pays), and the ReputationRegistry's
 * getIdentityRegistry() must be that same registry. Throws MarketContractsMismatchError naming the first mismatch.
 * discoverWorkers runs it before reading any agent; call it before opening a market job.
 *
 * @example
 * await checkMarketContracts({ client: publicClient, escrow: deployment.contracts.InferenceEscrow, contracts: deployment.contracts });
 */
export async function checkMarketContracts({
  client,
  escrow,
  contracts,
}: CheckMarketContractsParameters): Promise<void> {
  const read = async (contract: string, source: string, call: () => Promise<Address>): Promise<Address> => {
    try {
      return await call();
    } catch (cause) {
      // Not the contract it claims to be (no such function, no code): the address list is wrong.
      throw new MarketContractsMismatchError({
        contract,
        actual: source,
        expected: "a readable address",
        source,
        cause,
      });
    }
  };
  const [escrowRegistry, reputationIdentity] = await Promise.all([
    read("InferenceEscrow", `InferenceEscrow ${escrow} (agentRegistry())`, () =>
      client.readContract({ address: escrow, abi: inferenceEscrowAbi, functionName: "agentRegistry" }),
    ),
    read("ReputationRegistry", `ReputationRegistry ${contracts.ReputationRegistry} (getIdentityRegistry())`, () =>
      client.readContract({
        address: contracts.ReputationRegistry,
        abi: reputationRegistryAbi,
        functionName: "getIdentityRegistry",
      }),
    ),
  ]);
  if (!isAddressEqual(escrowRegistry, contracts.AgentRegistry)) {
    throw new MarketContractsMismatchError({
      contract: "AgentRegistry",
      actual: contracts.AgentRegistry,
      expected: escrowRegistry,
      source: `InferenceEscrow ${escrow} (agentRegistry())`,
    });
  }
  if (!isAddressEqual(reputationIdentity, escrowRegistry)) {
    throw new MarketContractsMismatchError({
      contract: "ReputationRegistry's identity registry",
      actual: reputationIdentity,
      expected: escrowRegistry,
      source: `InferenceEscrow ${escrow} (agentRegistry())`,
    });
  }
}
