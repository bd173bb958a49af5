import { describe, expect, it } from "vitest";
import { testContext } from "../../../test/context.ts";
import { getAgent } from "./getAgent.ts";
import { registerAgent } from "./registerAgent.ts";
import { setAgentUri } from "./setAgentUri.ts";

describe("setAgentUri", () => {
  const { deployment, accounts, publicClient, wallet } = testContext();
  const registry = deployment.contracts.AgentRegistry;

  it("points the agent at a new registration file and emits URIUpdated", async () => {
    const owner = wallet(8);
    const { agentId } = await registerAgent({ client: owner, registry, agentURI: "data:application/json,{}" });
    const agentURI = "https://worker.example/.well-known/agent-registration.json";
    const { receipt } = await setAgentUri({ client: owner, registry, agentId, agentURI });
    expect(receipt.status).toBe("success");
    expect((await getAgent({ client: publicClient, registry, agentId })).agentURI).toBe(agentURI);
  });

  it("refuses a caller that does not own the agent, naming AgentRegistryNotAuthorized, and changes nothing", async () => {
    const { agentId } = await registerAgent({
      client: wallet(8),
      registry,
      agentURI: "https://worker.example/first.json",
    });
    await expect(
      setAgentUri({ client: wallet(7), registry, agentId, agentURI: "https://attacker.example/agent.json" }),
    ).rejects.toMatchObject({ errorName: "AgentRegistryNotAuthorized" });
    const agent = await getAgent({ client: publicClient, registry, agentId });
    expect(agent.agentURI).toBe("https://worker.example/first.json");
    expect(agent.owner).toBe(accounts[8]!.address);
  });
});
