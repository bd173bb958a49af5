import { describe, expect, it } from "vitest";
import { AgentAccountNotDelegatedError } from "../../errors/account.ts";
import { setupAccount } from "./accountTestKit.ts";
import { getSession } from "./getSession.ts";

describe("getSession", () => {
  it("reads a key never granted as not granted, with an empty policy", async () => {
    const { ownerAddress, session, publicClient } = await setupAccount();
    expect(await getSession(publicClient, { account: ownerAddress, session: session.account.address })).toEqual({
      granted: false,
      id: 0n,
      active: false,
      revoked: false,
      policy: { expiresAt: 0n, limits: [], recipients: [], calls: [] },
      spentToday: [],
    });
  });

  it("refuses an account that has not delegated", async () => {
    const { ownerAddress, session, publicClient } = await setupAccount({ delegate: false });
    await expect(
      getSession(publicClient, { account: ownerAddress, session: session.account.address }),
    ).rejects.toBeInstanceOf(AgentAccountNotDelegatedError);
  });
});
