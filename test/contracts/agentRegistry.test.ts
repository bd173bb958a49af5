import hre from "hardhat";
import { type Address, getAddress, hexToString, parseEventLogs, stringToHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { beforeAll, describe, expect, it } from "vitest";

const agentWalletTypes = {
  AgentWalletSet: [
    { name: "agentId", type: "uint256" },
    { name: "newWallet", type: "address" },
    { name: "owner", type: "address" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/**
 * Flow: register an agent with its DID as metadata, prove a payment wallet with an EIP-712 signature (viem
 * signTypedData, both a local key and a node-held account), see the wallet cleared when the agent changes hands.
 */
describe("AgentRegistry flow (ERC-8004 identity)", () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup();
  });

  async function setup() {
    const { viem } = await hre.network.connect();
    const publicClient = await viem.getPublicClient();
    const testClient = await viem.getTestClient();
    const [owner, buyer, nodeWallet] = await viem.getWalletClients();
    if (!owner || !buyer || !nodeWallet) throw new Error("expected three Hardhat accounts");
    const registry = await viem.deployContract("AgentRegistry");
    const chainId = await publicClient.getChainId();
    const domain = { name: "ERC8004IdentityRegistry", version: "1", chainId, verifyingContract: registry.address };
    const now = async () => (await publicClient.getBlock()).timestamp;
    return { publicClient, testClient, owner, buyer, nodeWallet, registry, domain, now };
  }

  const did = (address: Address) => `did:ethr:0x7a69:${address.toLowerCase()}`;
  let agentId: bigint;

  it("registers an agent with its URI and DID, emitting Registered and MetadataSet", async () => {
    const { publicClient, owner, registry } = ctx;
    const uri = "https://agent.example.com/.well-known/agent-registration.json";
    const metadata = [{ metadataKey: "did", metadataValue: stringToHex(did(owner.account.address)) }];
    const { result } = await registry.simulate.register([uri, metadata], { account: owner.account.address });
    const hash = await registry.write.register([uri, metadata], { account: owner.account });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    agentId = result;

    const [registered] = parseEventLogs({ abi: registry.abi, logs: receipt.logs, eventName: "Registered" });
    expect(registered?.args).toEqual({ agentId, agentURI: uri, owner: getAddress(owner.account.address) });
    const keys = parseEventLogs({ abi: registry.abi, logs: receipt.logs, eventName: "MetadataSet" }).map(
      (log) => log.args.metadataKey,
    );
    expect(keys).toEqual(["agentWallet", "did"]);

    expect(await registry.read.ownerOf([agentId])).toBe(getAddress(owner.account.address));
    expect(await registry.read.tokenURI([agentId])).toBe(uri);
    expect(hexToString(await registry.read.getMetadata([agentId, "did"]))).toBe(did(owner.account.address));
    expect(await registry.read.getAgentWallet([agentId])).toBe(getAddress(owner.account.address));
  });

  it("sets the agent wallet with an EIP-712 signature from a local key", async () => {
    const { owner, registry, domain, now } = ctx;
    const wallet = privateKeyToAccount(generatePrivateKey());
    const deadline = (await now()) + 120n;
    const signature = await wallet.signTypedData({
      domain,
      types: agentWalletTypes,
      primaryType: "AgentWalletSet",
      message: { agentId, newWallet: wallet.address, owner: owner.account.address, deadline },
    });
    await registry.write.setAgentWallet([agentId, wallet.address, deadline, signature], { account: owner.account });
    expect(await registry.read.getAgentWallet([agentId])).toBe(wallet.address);
  });

  it("sets the agent wallet with signTypedData from a node-held account (eth_signTypedData_v4)", async () => {
    const { owner, nodeWallet, registry, domain, now } = ctx;
    const deadline = (await now()) + 120n;
    const signature = await nodeWallet.signTypedData({
      domain,
      types: agentWalletTypes,
      primaryType: "AgentWalletSet",
      message: { agentId, newWallet: nodeWallet.account.address, owner: owner.account.address, deadline },
    });
    await registry.write.setAgentWallet([agentId, nodeWallet.account.address, deadline, signature], {
      account: owner.account,
    });
    expect(await registry.read.getAgentWallet([agentId])).toBe(getAddress(nodeWallet.account.address));
  });

  it("rejects a wallet signature once its deadline has passed", async () => {
    const { owner, registry, domain, now, testClient } = ctx;
    const wallet = privateKeyToAccount(generatePrivateKey());
    const deadline = (await now()) + 60n;
    const signature = await wallet.signTypedData({
      domain,
      types: agentWalletTypes,
      primaryType: "AgentWalletSet",
      message: { agentId, newWallet: wallet.address, owner: owner.account.address, deadline },
    });
    await testClient.increaseTime({ seconds: 120 });
    await testClient.mine({ blocks: 1 });
    await expect(
      registry.write.setAgentWallet([agentId, wallet.address, deadline, signature], { account: owner.account }),
    ).rejects.toThrow(/AgentRegistryExpiredSignature/);
  });

  it("rejects a signature by another key and a caller who does not own the agent", async () => {
    const { owner, buyer, registry, domain, now } = ctx;
    const wallet = privateKeyToAccount(generatePrivateKey());
    const impostor = privateKeyToAccount(generatePrivateKey());
    const deadline = (await now()) + 120n;
    const message = { agentId, newWallet: wallet.address, owner: owner.account.address, deadline };
    const bad = await impostor.signTypedData({
      domain,
      types: agentWalletTypes,
      primaryType: "AgentWalletSet",
      message,
    });
    await expect(
      registry.write.setAgentWallet([agentId, wallet.address, deadline, bad], { account: owner.account }),
    ).rejects.toThrow(/AgentRegistryInvalidWalletSignature/);
    const good = await wallet.signTypedData({
      domain,
      types: agentWalletTypes,
      primaryType: "AgentWalletSet",
      message,
    });
    await expect(
      registry.write.setAgentWallet([agentId, wallet.address, deadline, good], { account: buyer.account }),
    ).rejects.toThrow(/AgentRegistryNotAuthorized/);
  });

  it("clears the wallet when the agent is transferred, keeping URI and DID", async () => {
    const { owner, buyer, registry } = ctx;
    await registry.write.transferFrom([owner.account.address, buyer.account.address, agentId], {
      account: owner.account,
    });
    expect(await registry.read.ownerOf([agentId])).toBe(getAddress(buyer.account.address));
    expect(await registry.read.getAgentWallet([agentId])).toBe("0x0000000000000000000000000000000000000000");
    expect(await registry.read.getMetadata([agentId, "agentWallet"])).toBe("0x");
    expect(hexToString(await registry.read.getMetadata([agentId, "did"]))).toBe(did(owner.account.address));
    // The new owner updates the DID; the reserved key stays reserved.
    await registry.write.setMetadata([agentId, "did", stringToHex(did(buyer.account.address))], {
      account: buyer.account,
    });
    expect(hexToString(await registry.read.getMetadata([agentId, "did"]))).toBe(did(buyer.account.address));
    await expect(
      registry.write.setMetadata([agentId, "agentWallet", buyer.account.address], { account: buyer.account }),
    ).rejects.toThrow(/AgentRegistryReservedKey/);
  });
});
