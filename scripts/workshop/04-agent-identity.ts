/**
 * Step 4: your agent's identity (ERC-8004).
 *
 * ERC-8004's Identity Registry gives an agent an id: an ERC-721 token whose URI points at a registration file (name,
 * services, supported trust models). Here the file is a data: URI, so nothing needs hosting. The registry also
 * records the agent's payment wallet (the owner until changed with an EIP-712 signature from the new wallet) and
 * arbitrary metadata: we store your DID from step 3 under the key "did", linking the two identities. Validators
 * (step 9's attestor is one) later answer validation requests about this agent id.
 */
import { registrationUri } from "@convergence/agent";
import { getAgent, registerAgent } from "@convergence/sdk";
import { nextStep } from "./lib/nextStep.ts";
import { workshopChain } from "./lib/workshopChain.ts";
import { workshopState } from "./lib/workshopState.ts";

const { deployment, wallet, publicClient } = await workshopChain();
const registry = deployment.contracts.AgentRegistry;
const { agentId, did, hash, receipt } = await registerAgent({
  client: wallet(1),
  registry,
  agentURI: registrationUri({ name: "My workshop agent" }),
});
const agent = await getAgent({ client: publicClient, registry, agentId });
process.stdout.write(
  [
    `Registered agent ${agentId} in ${hash} (${receipt.gasUsed} gas).`,
    `  owner  ${agent.owner}`,
    `  wallet ${agent.wallet}`,
    `  did    ${agent.did ?? did}`,
    `  uri    ${agent.agentURI.slice(0, 72)}...`,
  ].join("\n"),
);
workshopState().write("agentId", agentId);
nextStep({ command: "pnpm workshop 5" });
