import { poolAbi, usdcAbi } from "@convergence/contracts";
import { encodeFunctionData, parseEther, parseUnits } from "viem";
import { describe, expect, it } from "vitest";
import { AgentAccountNotDelegatedError } from "../../errors/account.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { setupAccount } from "./accountTestKit.ts";
import { executeAsSession } from "./executeAsSession.ts";
import { getSession } from "./getSession.ts";
import { grantSession } from "./grantSession.ts";

describe("executeAsSession", () => {
  const transfer = (usdc: `0x${string}`, to: `0x${string}`, amount: bigint) => ({
    to: usdc,
    data: encodeFunctionData({ abi: usdcAbi, functionName: "transfer", args: [to, amount] }),
  });

  it("runs a batch within the policy, paid by the session key, and counts what it spent", async () => {
    const { owner, ownerAddress, session, publicClient, policy, recipient, deployment, usdcBalance } =
      await setupAccount();
    await grantSession(owner, { session: session.account.address, policy: await policy(), fundEth: parseEther("0.1") });
    const usdc = deployment.contracts.USDC;
    await executeAsSession(session, { account: ownerAddress, calls: [transfer(usdc, recipient, parseUnits("20", 6))] });
    expect(await usdcBalance(recipient)).toBe(parseUnits("20", 6));
    const { spentToday } = await getSession(publicClient, { account: ownerAddress, session: session.account.address });
    expect(spentToday).toEqual([{ token: usdc, spent: parseUnits("20", 6) }]);
  });

  it("throws the policy's refusal by name before sending, and moves nothing", async () => {
    const { owner, ownerAddress, session, publicClient, policy, recipient, deployment, usdcBalance } =
      await setupAccount();
    await grantSession(owner, { session: session.account.address, policy: await policy(), fundEth: parseEther("0.1") });
    const usdc = deployment.contracts.USDC;
    const before = await usdcBalance(ownerAddress);
    const nonce = await publicClient.getTransactionCount({ address: session.account.address });
    const overCap = executeAsSession(session, {
      account: ownerAddress,
      calls: [transfer(usdc, recipient, parseUnits("60", 6))],
    });
    await expect(overCap).rejects.toBeInstanceOf(ContractRevertError);
    await expect(overCap).rejects.toMatchObject({ errorName: "AgentAccountOverCallCap" });
    await expect(
      executeAsSession(session, { account: ownerAddress, calls: [transfer(usdc, ownerAddress, 1n)] }),
    ).rejects.toMatchObject({ errorName: "AgentAccountUnknownRecipient" });
    expect(await usdcBalance(ownerAddress)).toBe(before);
    expect(await publicClient.getTransactionCount({ address: session.account.address })).toBe(nonce);
  });

  it("names an inner contract's own error (the pool's slippage check)", async () => {
    const { owner, ownerAddress, session, policy, deployment } = await setupAccount();
    await grantSession(owner, { session: session.account.address, policy: await policy(), fundEth: parseEther("0.1") });
    const { USDC: usdc, Pool: pool } = deployment.contracts;
    const amount = parseUnits("10", 6);
    await expect(
      executeAsSession(session, {
        account: ownerAddress,
        calls: [
          { to: usdc, data: encodeFunctionData({ abi: usdcAbi, functionName: "approve", args: [pool, amount] }) },
          {
            to: pool,
            data: encodeFunctionData({
              abi: poolAbi,
              functionName: "swapExactIn",
              args: [usdc, amount, parseEther("1000"), ownerAddress, 2n ** 39n],
            }),
          },
        ],
      }),
    ).rejects.toMatchObject({ errorName: "PoolInsufficientOutputAmount" });
  });

  it("refuses an account that has not delegated (a call to a plain EOA would check nothing)", async () => {
    const { ownerAddress, session, recipient, deployment } = await setupAccount({ delegate: false });
    await expect(
      executeAsSession(session, { account: ownerAddress, calls: [transfer(deployment.contracts.USDC, recipient, 1n)] }),
    ).rejects.toBeInstanceOf(AgentAccountNotDelegatedError);
  });
});
