/**
 * Test-only set-up for the reputation action tests (not exported from the package): a fresh agent on the shared
 * chain's AgentRegistry, owned by account 14 of the devnet mnemonic, and clients 15-17 that rate it (the other SDK
 * test files use accounts 0-13). Each call registers a new agent, so every test file starts from no feedback.
 */
import { devnetAccounts } from "@convergence/contracts";
import { inject } from "vitest";
import { createClients } from "../../client/createClients.ts";
import type { WriteClient } from "../../client/types.ts";
import { registerAgent } from "../agents/registerAgent.ts";

/**
 * @example
 * const kit = await setupReputation();
 * await giveFeedback({ client: kit.client, registry: kit.registry, agentId: kit.agentId, ... });
 */
export async function setupReputation() {
  const rpcUrl = inject("rpcUrl");
  const deployment = inject("deployment");
  const accounts = devnetAccounts({ count: 18 });
  const { publicClient } = createClients({ rpcUrl, chainId: 31337 });
  const wallet = (index: number): WriteClient =>
    createClients({ rpcUrl, chainId: 31337, account: accounts[index]! }).walletClient!;
  const [owner, client, client2, stranger] = [wallet(14), wallet(15), wallet(16), wallet(17)];
  const { agentId } = await registerAgent({
    client: owner,
    registry: deployment.contracts.AgentRegistry,
    agentURI: "https://worker.example/.well-known/agent-registration.json",
  });
  return {
    publicClient,
    deployment,
    registry: deployment.contracts.ReputationRegistry,
    escrow: deployment.contracts.InferenceEscrow,
    agentId,
    owner,
    client,
    client2,
    stranger,
  };
}
