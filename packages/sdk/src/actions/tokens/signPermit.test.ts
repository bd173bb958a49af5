import { usdcAbi } from "@convergence/contracts";
import { describe, expect, it } from "vitest";
import { testContext } from "../../../test/context.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import { signPermit } from "./signPermit.ts";

describe("signPermit", () => {
  const { deployment, accounts, publicClient, wallet } = testContext();
  const token = deployment.contracts.USDC;
  const owner = accounts[3]!;
  const spender = wallet(4);

  it("lets the spender pull funds with one permit, and never twice", async () => {
    const { timestamp } = await publicClient.getBlock();
    const permit = await signPermit({
      client: publicClient,
      token,
      owner,
      spender: spender.account.address,
      value: 2_000_000n,
      deadline: timestamp + 600n,
    });
    const submit = () =>
      writeContractAndWait({
        client: spender,
        contract: "USDC",
        address: token,
        abi: usdcAbi,
        functionName: "permit",
        args: [owner.address, spender.account.address, 2_000_000n, permit.deadline, permit.v, permit.r, permit.s],
      });
    await submit();
    const allowance = await publicClient.readContract({
      address: token,
      abi: usdcAbi,
      functionName: "allowance",
      args: [owner.address, spender.account.address],
    });
    expect(allowance).toBe(2_000_000n);
    await expect(submit()).rejects.toMatchObject({ errorName: "ERC2612InvalidSigner" });
  });
});
