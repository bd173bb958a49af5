import { parseEther, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { AgentAccountNotDelegatedError } from "../../errors/account.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { setupAccount } from "./accountTestKit.ts";
import { getSession } from "./getSession.ts";
import { grantSession } from "./grantSession.ts";

describe("grantSession", () => {
  it("grants the policy and funds the session key in one transaction", async () => {
    const { owner, ownerAddress, session, publicClient, policy } = await setupAccount();
    const granted = await policy();
    await grantSession(owner, { session: session.account.address, policy: granted, fundEth: parseEther("0.05") });
    expect(await publicClient.getBalance({ address: session.account.address })).toBe(parseEther("0.05"));
    const view = await getSession(publicClient, { account: ownerAddress, session: session.account.address });
    expect(view).toMatchObject({ granted: true, id: 1n, active: true, revoked: false });
    expect(view.policy.limits).toEqual(granted.limits);
    expect(view.policy.calls).toHaveLength(granted.calls.length);
  });

  it("refuses an owner that has not delegated, sending nothing", async () => {
    const { owner, ownerAddress, session, publicClient, policy } = await setupAccount({ delegate: false });
    const nonce = await publicClient.getTransactionCount({ address: ownerAddress });
    await expect(
      grantSession(owner, { session: session.account.address, policy: await policy() }),
    ).rejects.toBeInstanceOf(AgentAccountNotDelegatedError);
    expect(await publicClient.getTransactionCount({ address: ownerAddress })).toBe(nonce);
  });

  it("names the contract's refusal: an expiry in the past, the zero address as session", async () => {
    const { owner, session, policy } = await setupAccount();
    await expect(
      grantSession(owner, { session: session.account.address, policy: { ...(await policy()), expiresAt: 1n } }),
    ).rejects.toMatchObject({ name: "ContractRevertError", errorName: "AgentAccountInvalidPolicy" });
    const refusal = grantSession(owner, { session: zeroAddress, policy: await policy() });
    await expect(refusal).rejects.toBeInstanceOf(ContractRevertError);
    await expect(refusal).rejects.toMatchObject({ errorName: "AgentAccountInvalidSession" });
  });

  it("refuses a malformed policy before sending", async () => {
    const { owner, session, policy } = await setupAccount();
    const granted = await policy();
    await expect(
      grantSession(owner, {
        session: session.account.address,
        policy: { ...granted, limits: [...granted.limits, ...granted.limits] },
      }),
    ).rejects.toBeInstanceOf(InvalidParameterError);
  });
});
