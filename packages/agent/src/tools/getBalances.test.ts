import { describe, expect, it } from "vitest";
import { FRIEND, fakeContext, ME } from "../../test/helpers/fakeContext.ts";
import { getBalancesTool } from "./getBalances.ts";

describe("get_balances", () => {
  it("reads the agent's own balances when no account is given", async () => {
    const { context, calls } = fakeContext();
    const out = JSON.parse(await getBalancesTool({ context }).invoke({}));
    expect(out.account).toBe(ME);
    expect(calls).toContainEqual({ action: "getBalances", args: { account: ME } });
  });
  it("resolves a DID to its address", async () => {
    const { context, calls } = fakeContext();
    await getBalancesTool({ context }).invoke({ account: `did:ethr:0x7a69:${FRIEND}` });
    expect(calls).toContainEqual({ action: "getBalances", args: { account: FRIEND } });
  });
  it("returns a failure as text", async () => {
    const { context } = fakeContext({ failing: { getBalances: "connection refused" } });
    expect(await getBalancesTool({ context }).invoke({})).toBe("Error: connection refused");
  });
});
