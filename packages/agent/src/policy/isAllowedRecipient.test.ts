import { describe, expect, it } from "vitest";
import { isAllowedRecipient } from "./isAllowedRecipient.ts";
import { defaultPolicyConfig } from "./types.ts";

const me = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const friend = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const agent = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const stranger = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const isRegisteredAgent = async (a: string) => a.toLowerCase() === agent.toLowerCase();

describe("isAllowedRecipient", () => {
  const config = {
    ...defaultPolicyConfig,
    allowlist: { ...defaultPolicyConfig.allowlist, addresses: [friend.toLowerCase()] },
  };
  it("allows own accounts and listed addresses, in any case", async () => {
    expect(await isAllowedRecipient({ config, recipient: me.toLowerCase() as `0x${string}`, ownAccounts: [me] })).toBe(
      true,
    );
    expect(await isAllowedRecipient({ config, recipient: friend, ownAccounts: [me] })).toBe(true);
  });
  it("refuses a registered agent by default: anyone can register", async () => {
    expect(defaultPolicyConfig.allowlist.anyRegisteredAgent).toBeUndefined();
    expect(await isAllowedRecipient({ config, recipient: agent, ownAccounts: [me], isRegisteredAgent })).toBe(false);
  });
  it("allows any registered agent only when the policy opts in", async () => {
    const optIn = { ...config, allowlist: { ...config.allowlist, anyRegisteredAgent: true } };
    expect(await isAllowedRecipient({ config: optIn, recipient: agent, ownAccounts: [me], isRegisteredAgent })).toBe(
      true,
    );
    expect(await isAllowedRecipient({ config: optIn, recipient: stranger, ownAccounts: [me], isRegisteredAgent })).toBe(
      false,
    );
  });
  it("refuses strangers and sources switched off", async () => {
    expect(await isAllowedRecipient({ config, recipient: stranger, ownAccounts: [me], isRegisteredAgent })).toBe(false);
    const off = { ...config, allowlist: { ownAccounts: false, addresses: [] } };
    expect(await isAllowedRecipient({ config: off, recipient: me, ownAccounts: [me], isRegisteredAgent })).toBe(false);
    expect(await isAllowedRecipient({ config: off, recipient: agent, ownAccounts: [me], isRegisteredAgent })).toBe(
      false,
    );
  });
});
