import { erc20Abi } from "viem";
import { describe, expect, it } from "vitest";
import { testContext } from "../../../test/context.ts";
import { signTransferAuthorization } from "./signTransferAuthorization.ts";
import { submitTransferAuthorization } from "./submitTransferAuthorization.ts";

describe("EIP-3009 authorizations", () => {
  const { deployment, accounts, publicClient, wallet } = testContext();
  const token = deployment.contracts.USDC;
  const from = accounts[3]!;
  const payee = accounts[9]!.address;
  const balance = () =>
    publicClient.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [payee] });

  it("moves funds once when a relayer submits a transfer authorization", async () => {
    const { timestamp } = await publicClient.getBlock();
    const authorization = await signTransferAuthorization({
      client: publicClient,
      token,
      from,
      to: payee,
      value: 1_500_000n,
      validBefore: timestamp + 600n,
    });
    const before = await balance();
    await submitTransferAuthorization({ client: wallet(4), token, authorization });
    expect((await balance()) - before).toBe(1_500_000n);
    await expect(submitTransferAuthorization({ client: wallet(4), token, authorization })).rejects.toMatchObject({
      errorName: "USDCAuthorizationUsedOrCanceled",
    });
  });

  it("lets only the payee submit a receive authorization", async () => {
    const { timestamp } = await publicClient.getBlock();
    const authorization = await signTransferAuthorization({
      client: publicClient,
      token,
      from,
      to: accounts[4]!.address,
      value: 1_000_000n,
      validBefore: timestamp + 600n,
      kind: "receive",
    });
    await expect(
      submitTransferAuthorization({ client: wallet(5), token, authorization, kind: "receive" }),
    ).rejects.toMatchObject({ errorName: "USDCCallerNotPayee" });
    await submitTransferAuthorization({ client: wallet(4), token, authorization, kind: "receive" });
  });

  it("rejects an expired authorization", async () => {
    const { timestamp } = await publicClient.getBlock();
    const authorization = await signTransferAuthorization({
      client: publicClient,
      token,
      from,
      to: payee,
      value: 1n,
      validBefore: timestamp - 1n,
    });
    await expect(submitTransferAuthorization({ client: wallet(4), token, authorization })).rejects.toMatchObject({
      errorName: "USDCAuthorizationExpired",
    });
  });
});
