import { describe, expect, it } from "vitest";
import { testContext } from "../../test/context.ts";
import { getChainTime } from "./getChainTime.ts";

describe("getChainTime", () => {
  const { publicClient } = testContext();

  it("is the latest block's timestamp when the chain is ahead of the wall clock (time moved forward on the node)", async () => {
    const { timestamp } = await publicClient.getBlock();
    // A wall clock an hour behind the chain.
    const now = () => (Number(timestamp) - 3600) * 1000;
    expect(await getChainTime({ client: publicClient, now })).toBe(timestamp);
  });

  it("is the wall clock when the latest block is older (a chain that mines on demand, idle)", async () => {
    const { timestamp } = await publicClient.getBlock();
    const now = () => (Number(timestamp) + 90) * 1000 + 999;
    expect(await getChainTime({ client: publicClient, now })).toBe(timestamp + 90n);
  });
});
