import { reputationRegistryAbi } from "@convergence/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { SelfFeedbackError } from "../../errors/reputation.ts";
import { registerAgent } from "../agents/registerAgent.ts";
import { setAgentWallet } from "../agents/setAgentWallet.ts";
import { signAgentWallet } from "../agents/signAgentWallet.ts";
import { failureFeedback, feedbackJobHash, successFeedback } from "./feedbackScheme.ts";
import { giveFeedback } from "./giveFeedback.ts";
import { setupReputation } from "./reputationTestKit.ts";

describe("giveFeedback", () => {
  let kit: Awaited<ReturnType<typeof setupReputation>>;
  beforeAll(async () => {
    kit = await setupReputation();
  });

  it("records the scheme's feedback with the job's hash and returns its index", async () => {
    const feedbackHash = feedbackJobHash({ chainId: 31337, escrow: kit.escrow, jobId: 41n });
    const first = await giveFeedback({
      client: kit.client,
      registry: kit.registry,
      agentId: kit.agentId,
      ...successFeedback({ latencyMs: 8421 }),
      endpoint: "http://127.0.0.1:8080",
      feedbackHash,
    });
    expect(first.feedbackIndex).toBe(1n);
    const [event] = await kit.publicClient.getContractEvents({
      address: kit.registry,
      abi: reputationRegistryAbi,
      eventName: "NewFeedback",
      blockHash: first.receipt.blockHash,
    });
    expect(event?.args).toMatchObject({
      agentId: kit.agentId,
      clientAddress: kit.client.account.address,
      value: 100n,
      tag1: "successRate",
      tag2: "latencyMs:8421",
      endpoint: "http://127.0.0.1:8080",
      feedbackURI: "",
      feedbackHash,
    });
    const second = await giveFeedback({
      client: kit.client,
      registry: kit.registry,
      agentId: kit.agentId,
      ...failureFeedback({ reason: "noShow" }),
    });
    expect(second.feedbackIndex).toBe(2n);
    expect(
      await kit.publicClient.readContract({
        address: kit.registry,
        abi: reputationRegistryAbi,
        functionName: "readFeedback",
        args: [kit.agentId, kit.client.account.address, 2n],
      }),
    ).toEqual([0n, 0, "successRate", "noShow", false]);
  });

  it("refuses before sending when the client is the agent's owner or its wallet: SelfFeedbackError", async () => {
    const { agentId } = await registerAgent({
      client: kit.owner,
      registry: kit.deployment.contracts.AgentRegistry,
      agentURI: "https://worker.example/wallet-agent.json",
    });
    // The agent's wallet is another account (the stranger), which consents.
    const deadline = (await kit.publicClient.getBlock()).timestamp + 240n;
    const signature = await signAgentWallet({
      registry: kit.deployment.contracts.AgentRegistry,
      chainId: 31337,
      agentId,
      owner: kit.owner.account.address,
      wallet: { client: kit.stranger, address: kit.stranger.account.address },
      deadline,
    });
    await setAgentWallet({
      client: kit.owner,
      registry: kit.deployment.contracts.AgentRegistry,
      agentId,
      wallet: kit.stranger.account.address,
      deadline,
      signature,
    });
    const base = { registry: kit.registry, agentId, value: 100n, valueDecimals: 0 };
    const nonce = (address: `0x${string}`) => kit.publicClient.getTransactionCount({ address });
    const [ownerNonce, walletNonce] = [
      await nonce(kit.owner.account.address),
      await nonce(kit.stranger.account.address),
    ];
    const byOwner = await giveFeedback({ ...base, client: kit.owner }).catch((e: unknown) => e);
    expect(byOwner).toBeInstanceOf(SelfFeedbackError);
    expect(byOwner).toMatchObject({ agentId, role: "owner", client: kit.owner.account.address });
    const byWallet = await giveFeedback({ ...base, client: kit.stranger }).catch((e: unknown) => e);
    expect(byWallet).toBeInstanceOf(SelfFeedbackError);
    expect((byWallet as Error).message).toContain(`agent ${agentId}'s wallet`);
    // Nothing was sent.
    expect(await nonce(kit.owner.account.address)).toBe(ownerNonce);
    expect(await nonce(kit.stranger.account.address)).toBe(walletNonce);
    // The registry refuses the wallet too, should anyone send it directly.
    await expect(
      kit.publicClient.simulateContract({
        account: kit.stranger.account,
        address: kit.registry,
        abi: reputationRegistryAbi,
        functionName: "giveFeedback",
        args: [agentId, 100n, 0, "", "", "", "", `0x${"00".repeat(32)}`],
      }),
    ).rejects.toThrow(/ReputationRegistrySelfFeedback/);
    // A client may rate it.
    await expect(giveFeedback({ ...base, client: kit.client })).resolves.toMatchObject({ feedbackIndex: 1n });
  });

  it("names the registry's reason: an unknown agent, too many decimals, a value out of range", async () => {
    const base = { registry: kit.registry, agentId: kit.agentId, value: 100n, valueDecimals: 0 };
    await expect(giveFeedback({ ...base, client: kit.owner })).rejects.toBeInstanceOf(SelfFeedbackError);
    await expect(giveFeedback({ ...base, client: kit.client, agentId: 10_000n })).rejects.toMatchObject({
      errorName: "ReputationRegistryUnknownAgent",
    });
    await expect(giveFeedback({ ...base, client: kit.client, valueDecimals: 19 })).rejects.toMatchObject({
      errorName: "ReputationRegistryInvalidValueDecimals",
    });
    await expect(giveFeedback({ ...base, client: kit.client, value: 10n ** 38n + 1n })).rejects.toMatchObject({
      errorName: "ReputationRegistryValueOutOfRange",
    });
    await expect(giveFeedback({ ...base, client: kit.client })).resolves.toMatchObject({ feedbackIndex: 3n });
  });
});
