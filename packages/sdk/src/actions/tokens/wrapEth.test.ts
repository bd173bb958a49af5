import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { testContext } from "../../../test/context.ts";
import { getBalances } from "./getBalances.ts";
import { stackTokens } from "./stackTokens.ts";
import { unwrapEth } from "./unwrapEth.ts";
import { wrapEth } from "./wrapEth.ts";

describe("wrapEth + unwrapEth", () => {
  const { deployment, accounts, publicClient, wallet } = testContext();
  const client = wallet(2);
  const weth = deployment.contracts.WETH;
  const wethBalance = async () =>
    (
      await getBalances({ client: publicClient, account: accounts[2]!.address, tokens: stackTokens({ deployment }) })
    )[1]!.raw;

  it("wraps ETH into WETH and unwraps it back", async () => {
    const before = await wethBalance();
    await wrapEth({ client, weth, amount: parseEther("1") });
    expect((await wethBalance()) - before).toBe(parseEther("1"));
    await unwrapEth({ client, weth, amount: parseEther("0.25") });
    expect((await wethBalance()) - before).toBe(parseEther("0.75"));
  });

  it("refuses to unwrap more than the balance with WETHInsufficientBalance", async () => {
    await expect(unwrapEth({ client, weth, amount: parseEther("1000") })).rejects.toMatchObject({
      errorName: "WETHInsufficientBalance",
    });
  });
});
