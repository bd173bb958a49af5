import { parseEther, parseUnits } from "viem";
import { describe, expect, it } from "vitest";
import { testContext } from "../../../test/context.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { getBalances } from "./getBalances.ts";
import { stackTokens } from "./stackTokens.ts";
import { transferToken } from "./transferToken.ts";

describe("transferToken + getBalances", () => {
  const { deployment, accounts, publicClient, wallet } = testContext();
  const [eth, , usdc] = stackTokens({ deployment });
  const sender = wallet(1);
  const receiver = accounts[8]!.address;
  const balanceOf = async (symbol: string) =>
    (await getBalances({ client: publicClient, account: receiver, tokens: stackTokens({ deployment }) })).find(
      (b) => b.symbol === symbol,
    )!;

  it("reads ETH, WETH and USDC balances in whole units", async () => {
    const balances = await getBalances({
      client: publicClient,
      // Account 2 only wraps ETH in its own test file: its USDC stays what deployStack minted, while account 1's
      // moves in parallel files (swaps, transfers).
      account: accounts[2]!.address,
      tokens: stackTokens({ deployment }),
    });
    expect(balances.map((b) => b.symbol)).toEqual(["ETH", "WETH", "USDC"]);
    expect(balances.find((b) => b.symbol === "USDC")!.formatted).toBe("100000");
  });

  it("moves USDC and native ETH", async () => {
    const usdcBefore = (await balanceOf("USDC")).raw;
    const ethBefore = (await balanceOf("ETH")).raw;
    await transferToken({ client: sender, token: usdc!, to: receiver, amount: parseUnits("5", 6) });
    await transferToken({ client: sender, token: eth!, to: receiver, amount: parseEther("0.1") });
    expect((await balanceOf("USDC")).raw - usdcBefore).toBe(5_000_000n);
    expect((await balanceOf("ETH")).raw - ethBefore).toBe(parseEther("0.1"));
  });

  it("rejects a zero amount before sending anything", async () => {
    await expect(transferToken({ client: sender, token: usdc!, to: receiver, amount: 0n })).rejects.toBeInstanceOf(
      InvalidParameterError,
    );
  });

  it("reports an overdraft with the token's custom error and moves nothing", async () => {
    const before = (await balanceOf("USDC")).raw;
    const attempt = transferToken({ client: sender, token: usdc!, to: receiver, amount: parseUnits("1000000000", 6) });
    await expect(attempt).rejects.toBeInstanceOf(ContractRevertError);
    await expect(attempt).rejects.toMatchObject({ errorName: "ERC20InsufficientBalance" });
    expect((await balanceOf("USDC")).raw).toBe(before);
  });
});
