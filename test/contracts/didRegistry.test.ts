import hre from "hardhat";
import {
  type Address,
  concat,
  getAddress,
  type Hex,
  hexToString,
  keccak256,
  parseEventLogs,
  parseSignature,
  stringToHex,
  toHex,
} from "viem";
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { beforeAll, describe, expect, it } from "vitest";

const veriKey = stringToHex("veriKey", { size: 32 });
const serviceName = stringToHex("did/svc/AgentService", { size: 32 });
const serviceEndpoint = stringToHex("https://agent.example.com/a2a");
const day = 86_400n;

/**
 * Flows over the ERC-1056 registry: owner, delegate and attribute changes sent by the identity, the same changes
 * as meta-transactions signed with viem by a key that holds no ETH and submitted by a third party, and the
 * `changed` / `previousChange` history walk that did:ethr resolvers perform.
 */
describe("DIDRegistry flows (ERC-1056)", () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup();
  });

  async function setup() {
    const { viem } = await hre.network.connect();
    const publicClient = await viem.getPublicClient();
    const [identity, newOwner, relayer, delegate] = await viem.getWalletClients();
    if (!identity || !newOwner || !relayer || !delegate) throw new Error("expected four Hardhat accounts");
    const registry = await viem.deployContract("DIDRegistry");
    return { publicClient, identity, newOwner, relayer, delegate, registry };
  }

  /** The ERC-1056 meta-transaction hash, signed raw (no EIP-191 prefix) by the identity's owner. */
  async function signErc1056(signer: PrivateKeyAccount, identity: Address, call: Hex[]) {
    const { registry } = ctx;
    const nonce = await registry.read.nonce([await registry.read.identityOwner([identity])]);
    const hash = keccak256(concat(["0x1900", registry.address, toHex(nonce, { size: 32 }), identity, ...call]));
    const { v, r, s } = parseSignature(await signer.sign({ hash }));
    return { v: Number(v), r, s };
  }

  /** Follows `changed` and each event's previousChange back to the first change, newest first. */
  async function history(identity: Address) {
    const { publicClient, registry } = ctx;
    const events = [];
    let block = await registry.read.changed([identity]);
    while (block > 0n) {
      const logs = await publicClient.getLogs({ address: registry.address, fromBlock: block, toBlock: block });
      const parsed = parseEventLogs({ abi: registry.abi, logs }).filter(
        (log) => getAddress(log.args.identity) === getAddress(identity),
      );
      if (parsed.length === 0) throw new Error(`no registry event for ${identity} at block ${block}`);
      events.push(...parsed.reverse());
      block = parsed.at(-1)!.args.previousChange;
    }
    return events;
  }

  it("the identity changes its delegate, attribute and owner; history links every change", async () => {
    const { identity, newOwner, delegate, registry } = ctx;
    const id = identity.account.address;
    expect(await registry.read.identityOwner([id])).toBe(getAddress(id));

    await registry.write.addDelegate([id, veriKey, delegate.account.address, day], { account: identity.account });
    expect(await registry.read.validDelegate([id, veriKey, delegate.account.address])).toBe(true);
    await registry.write.setAttribute([id, serviceName, serviceEndpoint, day], { account: identity.account });
    await registry.write.changeOwner([id, newOwner.account.address], { account: identity.account });
    expect(await registry.read.identityOwner([id])).toBe(getAddress(newOwner.account.address));

    const events = await history(id);
    expect(events.map((e) => e.eventName)).toEqual(["DIDOwnerChanged", "DIDAttributeChanged", "DIDDelegateChanged"]);
    const attribute = events[1];
    if (attribute?.eventName !== "DIDAttributeChanged") throw new Error("expected DIDAttributeChanged");
    expect(hexToString(attribute.args.name, { size: 32 })).toBe("did/svc/AgentService");
    expect(hexToString(attribute.args.value)).toBe("https://agent.example.com/a2a");

    await expect(
      registry.write.setAttribute([id, serviceName, serviceEndpoint, day], { account: identity.account }),
    ).rejects.toThrow(/DIDRegistryNotOwner/);
  });

  it("signed calls from a key without ETH, relayed by a third party, work once each", async () => {
    const { relayer, delegate, registry } = ctx;
    const key = privateKeyToAccount(generatePrivateKey());
    const id = key.address;
    const as = { account: relayer.account };
    const delegateAddress = delegate.account.address;

    let sig = await signErc1056(key, id, [
      stringToHex("addDelegate"),
      veriKey,
      delegateAddress,
      toHex(day, { size: 32 }),
    ]);
    await registry.write.addDelegateSigned([id, sig.v, sig.r, sig.s, veriKey, delegateAddress, day], as);
    expect(await registry.read.validDelegate([id, veriKey, delegateAddress])).toBe(true);
    // The same signature again: its nonce is spent.
    await expect(
      registry.write.addDelegateSigned([id, sig.v, sig.r, sig.s, veriKey, delegateAddress, day], as),
    ).rejects.toThrow(/DIDRegistryInvalidSignature/);

    sig = await signErc1056(key, id, [
      stringToHex("setAttribute"),
      serviceName,
      serviceEndpoint,
      toHex(day, { size: 32 }),
    ]);
    await registry.write.setAttributeSigned([id, sig.v, sig.r, sig.s, serviceName, serviceEndpoint, day], as);

    sig = await signErc1056(key, id, [stringToHex("revokeAttribute"), serviceName, serviceEndpoint]);
    await registry.write.revokeAttributeSigned([id, sig.v, sig.r, sig.s, serviceName, serviceEndpoint], as);

    sig = await signErc1056(key, id, [stringToHex("revokeDelegate"), veriKey, delegateAddress]);
    await registry.write.revokeDelegateSigned([id, sig.v, sig.r, sig.s, veriKey, delegateAddress], as);
    expect(await registry.read.validDelegate([id, veriKey, delegateAddress])).toBe(false);

    const successor = privateKeyToAccount(generatePrivateKey());
    sig = await signErc1056(key, id, [stringToHex("changeOwner"), successor.address]);
    await registry.write.changeOwnerSigned([id, sig.v, sig.r, sig.s, successor.address], as);
    expect(await registry.read.identityOwner([id])).toBe(successor.address);
    expect(await registry.read.nonce([id])).toBe(5n);

    // After the owner change only the successor's signature counts, with the successor's nonce.
    sig = await signErc1056(key, id, [
      stringToHex("setAttribute"),
      serviceName,
      serviceEndpoint,
      toHex(day, { size: 32 }),
    ]);
    await expect(
      registry.write.setAttributeSigned([id, sig.v, sig.r, sig.s, serviceName, serviceEndpoint, day], as),
    ).rejects.toThrow(/DIDRegistryInvalidSignature/);
    sig = await signErc1056(successor, id, [
      stringToHex("setAttribute"),
      serviceName,
      serviceEndpoint,
      toHex(day, { size: 32 }),
    ]);
    await registry.write.setAttributeSigned([id, sig.v, sig.r, sig.s, serviceName, serviceEndpoint, day], as);
    expect(await registry.read.nonce([successor.address])).toBe(1n);

    const events = await history(id);
    expect(events.map((e) => e.eventName)).toEqual([
      "DIDAttributeChanged",
      "DIDOwnerChanged",
      "DIDDelegateChanged",
      "DIDAttributeChanged",
      "DIDAttributeChanged",
      "DIDDelegateChanged",
    ]);
  });

  it("rejects a signature by a key that does not own the identity", async () => {
    const { relayer, registry } = ctx;
    const stranger = privateKeyToAccount(generatePrivateKey());
    const victim = privateKeyToAccount(generatePrivateKey()).address;
    const sig = await signErc1056(stranger, victim, [stringToHex("changeOwner"), stranger.address]);
    await expect(
      registry.write.changeOwnerSigned([victim, sig.v, sig.r, sig.s, stranger.address], { account: relayer.account }),
    ).rejects.toThrow(/DIDRegistryInvalidSignature/);
    expect(await registry.read.identityOwner([victim])).toBe(victim);
  });
});
