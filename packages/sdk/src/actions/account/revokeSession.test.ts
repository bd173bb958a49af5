import { describe, expect, it } from "vitest";
import { setupAccount } from "./accountTestKit.ts";
import { getSession } from "./getSession.ts";
import { grantSession } from "./grantSession.ts";
import { revokeSession } from "./revokeSession.ts";

describe("revokeSession", () => {
  it("revokes a granted session at once", async () => {
    const { owner, ownerAddress, session, publicClient, policy } = await setupAccount();
    await grantSession(owner, { session: session.account.address, policy: await policy() });
    await revokeSession(owner, { session: session.account.address });
    expect(await getSession(publicClient, { account: ownerAddress, session: session.account.address })).toMatchObject({
      granted: true,
      active: false,
      revoked: true,
    });
  });

  it("names AgentAccountUnknownSession for a key never granted", async () => {
    const { owner, session } = await setupAccount();
    await expect(revokeSession(owner, { session: session.account.address })).rejects.toMatchObject({
      name: "ContractRevertError",
      errorName: "AgentAccountUnknownSession",
    });
  });
});
