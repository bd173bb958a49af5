import { describe, expect, it } from "vitest";
import { testContext } from "../../../test/context.ts";
import { getAgent } from "./getAgent.ts";
import { registerAgent } from "./registerAgent.ts";
import { setAgentWallet } from "./setAgentWallet.ts";
import { signAgentWallet } from "./signAgentWallet.ts";

describe("ERC-8004 agents: registerAgent, setAgentWallet, getAgent", () => {
  const { deployment, accounts, publicClient, wallet } = testContext();
  const registry = deployment.contracts.AgentRegistry;
  const owner = wallet(6);

  it("registers an agent with its DID and a wallet that consented by signature", async () => {
    const { agentId, did } = await registerAgent({
      client: owner,
      registry,
      agentURI: "https://agents.example/risk-bot.json",
    });
    expect(did).toBe(`did:ethr:0x7a69:${accounts[6]!.address}`);
    const agentWallet = accounts[7]!;
    const { timestamp } = await publicClient.getBlock();
    const deadline = timestamp + 120n;
    const signature = await signAgentWallet({
      registry,
      chainId: 31337,
      agentId,
      owner: accounts[6]!.address,
      wallet: agentWallet,
      deadline,
    });
    await setAgentWallet({ client: owner, registry, agentId, wallet: agentWallet.address, deadline, signature });
    expect(await getAgent({ client: publicClient, registry, agentId })).toEqual({
      agentId,
      owner: accounts[6]!.address,
      agentURI: "https://agents.example/risk-bot.json",
      wallet: agentWallet.address,
      did,
    });
  });

  it("rejects a wallet signature past its deadline, naming AgentRegistryExpiredSignature", async () => {
    const { agentId } = await registerAgent({ client: owner, registry, agentURI: "https://agents.example/late.json" });
    const { timestamp } = await publicClient.getBlock();
    const deadline = timestamp - 1n;
    const signature = await signAgentWallet({
      registry,
      chainId: 31337,
      agentId,
      owner: accounts[6]!.address,
      wallet: accounts[7]!,
      deadline,
    });
    await expect(
      setAgentWallet({ client: owner, registry, agentId, wallet: accounts[7]!.address, deadline, signature }),
    ).rejects.toMatchObject({ errorName: "AgentRegistryExpiredSignature" });
    // ERC-8004 starts an agent's wallet at its owner; the rejected signature changed nothing.
    expect((await getAgent({ client: publicClient, registry, agentId })).wallet).toBe(accounts[6]!.address);
  });
});
