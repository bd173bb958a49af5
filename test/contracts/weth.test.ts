import hre from "hardhat";
import { parseEther } from "viem";
import { describe, expect, it } from "vitest";

/** Flow: wrap ETH by deposit and by a plain transfer, unwrap it, and check the ETH comes back net of gas. */
describe("WETH flow", () => {
  it("wraps and unwraps, keeping WETH fully backed", async () => {
    const { viem } = await hre.network.connect();
    const publicClient = await viem.getPublicClient();
    const [, user] = await viem.getWalletClients();
    if (!user) throw new Error("expected a second Hardhat account");
    const weth = await viem.deployContract("WETH");
    const address = user.account.address;
    const ethBefore = await publicClient.getBalance({ address });

    const receipts = [
      await publicClient.waitForTransactionReceipt({
        hash: await weth.write.deposit({ account: user.account, value: parseEther("2") }),
      }),
      await publicClient.waitForTransactionReceipt({
        hash: await user.sendTransaction({ to: weth.address, value: parseEther("1") }),
      }),
    ];
    expect(await weth.read.balanceOf([address])).toBe(parseEther("3"));
    expect(await publicClient.getBalance({ address: weth.address })).toBe(parseEther("3"));

    receipts.push(
      await publicClient.waitForTransactionReceipt({
        hash: await weth.write.withdraw([parseEther("2.5")], { account: user.account }),
      }),
    );
    expect(await weth.read.balanceOf([address])).toBe(parseEther("0.5"));
    expect(await weth.read.totalSupply()).toBe(await publicClient.getBalance({ address: weth.address }));

    const gas = receipts.reduce((sum, r) => sum + r.gasUsed * r.effectiveGasPrice, 0n);
    expect(await publicClient.getBalance({ address })).toBe(ethBefore - parseEther("0.5") - gas);
  });

  it("refuses to unwrap more than the balance, with a named error", async () => {
    const { viem } = await hre.network.connect();
    const [, user] = await viem.getWalletClients();
    if (!user) throw new Error("expected a second Hardhat account");
    const weth = await viem.deployContract("WETH");
    await weth.write.deposit({ account: user.account, value: parseEther("1") });
    await expect(weth.write.withdraw([parseEther("1.5")], { account: user.account })).rejects.toThrow(
      /WETHInsufficientBalance/,
    );
  });
});
