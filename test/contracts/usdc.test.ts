import hre from "hardhat";
import { type Address, type Hex, parseSignature, parseUnits, toHex } from "viem";
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { beforeAll, describe, expect, it } from "vitest";

const authorizationFields = [
  { name: "from", type: "address" },
  { name: "to", type: "address" },
  { name: "value", type: "uint256" },
  { name: "validAfter", type: "uint256" },
  { name: "validBefore", type: "uint256" },
  { name: "nonce", type: "bytes32" },
] as const;

/**
 * Flows: an ERC-2612 permit signed off-chain then spent with transferFrom; EIP-3009 payments signed by a payer
 * that holds no ETH, submitted by a relayer (transfer) or by the payee (receive); replays and cancellations.
 */
describe("USDC flows", () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup();
  });

  async function setup() {
    const { viem } = await hre.network.connect();
    const publicClient = await viem.getPublicClient();
    const [deployer, spender, payee] = await viem.getWalletClients();
    if (!deployer || !spender || !payee) throw new Error("expected three Hardhat accounts");
    const usdc = await viem.deployContract("USDC", [deployer.account.address]);
    // The payer has USDC but no ETH: everything it does is a signature.
    const payer = privateKeyToAccount(generatePrivateKey());
    await usdc.write.mint([payer.address, parseUnits("1000", 6)]);
    const chainId = await publicClient.getChainId();
    const domain = { name: "USD Coin (Devnet)", version: "1", chainId, verifyingContract: usdc.address } as const;
    const deadline = async (seconds = 3600) => (await publicClient.getBlock()).timestamp + BigInt(seconds);
    return { publicClient, usdc, payer, spender, payee, domain, deadline };
  }

  const signAuthorization = async (
    payer: PrivateKeyAccount,
    domain: Awaited<ReturnType<typeof setup>>["domain"],
    primaryType: "TransferWithAuthorization" | "ReceiveWithAuthorization",
    message: { to: Address; value: bigint; validAfter: bigint; validBefore: bigint; nonce: Hex },
  ) =>
    payer.signTypedData({
      domain,
      types: { [primaryType]: authorizationFields },
      primaryType,
      message: { from: payer.address, ...message },
    } as never);

  it("reports the Circle interface the SDK relies on", async () => {
    const { usdc } = ctx;
    expect(await usdc.read.decimals()).toBe(6);
    expect(await usdc.read.symbol()).toBe("USDC");
    const [, name, version] = await usdc.read.eip712Domain();
    expect({ name, version }).toEqual({ name: "USD Coin (Devnet)", version: "1" });
  });

  it("permit, then transferFrom by the spender; the permit cannot be replayed", async () => {
    const { usdc, payer, spender, payee, domain, deadline } = ctx;
    const value = parseUnits("100", 6);
    const end = await deadline();
    const nonce = await usdc.read.nonces([payer.address]);
    const signature = await payer.signTypedData({
      domain,
      types: {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      primaryType: "Permit",
      message: { owner: payer.address, spender: spender.account.address, value, nonce, deadline: end },
    });
    const { v, r, s } = parseSignature(signature);
    const permitArgs = [payer.address, spender.account.address, value, end, Number(v), r, s] as const;
    await usdc.write.permit(permitArgs, { account: spender.account });
    expect(await usdc.read.allowance([payer.address, spender.account.address])).toBe(value);

    await usdc.write.transferFrom([payer.address, payee.account.address, value], { account: spender.account });
    expect(await usdc.read.balanceOf([payee.account.address])).toBe(value);
    expect(await usdc.read.allowance([payer.address, spender.account.address])).toBe(0n);

    await expect(usdc.write.permit(permitArgs, { account: spender.account })).rejects.toThrow(/ERC2612InvalidSigner/);
  });

  it("transferWithAuthorization submitted by a relayer pays once", async () => {
    const { usdc, payer, spender: relayer, payee, domain, deadline } = ctx;
    const message = {
      to: payee.account.address,
      value: parseUnits("25", 6),
      validAfter: 0n,
      validBefore: await deadline(),
      nonce: toHex(crypto.getRandomValues(new Uint8Array(32))),
    };
    const signature = await signAuthorization(payer, domain, "TransferWithAuthorization", message);
    const args = [
      payer.address,
      message.to,
      message.value,
      message.validAfter,
      message.validBefore,
      message.nonce,
      signature,
    ] as const;
    const before = await usdc.read.balanceOf([payee.account.address]);
    await usdc.write.transferWithAuthorization(args, { account: relayer.account });
    expect((await usdc.read.balanceOf([payee.account.address])) - before).toBe(message.value);
    expect(await usdc.read.authorizationState([payer.address, message.nonce])).toBe(true);

    await expect(usdc.write.transferWithAuthorization(args, { account: relayer.account })).rejects.toThrow(
      /USDCAuthorizationUsedOrCanceled/,
    );
  });

  it("receiveWithAuthorization: only the payee can submit it", async () => {
    const { usdc, payer, spender: other, payee, domain, deadline } = ctx;
    const message = {
      to: payee.account.address,
      value: parseUnits("2", 6),
      validAfter: 0n,
      validBefore: await deadline(),
      nonce: toHex(crypto.getRandomValues(new Uint8Array(32))),
    };
    const { v, r, s } = parseSignature(await signAuthorization(payer, domain, "ReceiveWithAuthorization", message));
    const args = [
      payer.address,
      message.to,
      message.value,
      message.validAfter,
      message.validBefore,
      message.nonce,
      Number(v),
      r,
      s,
    ] as const;
    await expect(usdc.write.receiveWithAuthorization(args, { account: other.account })).rejects.toThrow(
      /USDCCallerNotPayee/,
    );
    const before = await usdc.read.balanceOf([payee.account.address]);
    await usdc.write.receiveWithAuthorization(args, { account: payee.account });
    expect((await usdc.read.balanceOf([payee.account.address])) - before).toBe(message.value);
  });

  it("an expired or canceled authorization moves nothing", async () => {
    const { publicClient, usdc, payer, spender: relayer, payee, domain } = ctx;
    const now = (await publicClient.getBlock()).timestamp;
    const expired = {
      to: payee.account.address,
      value: 1n,
      validAfter: 0n,
      validBefore: now,
      nonce: toHex(crypto.getRandomValues(new Uint8Array(32))),
    };
    const expiredSignature = await signAuthorization(payer, domain, "TransferWithAuthorization", expired);
    await expect(
      usdc.write.transferWithAuthorization(
        [payer.address, expired.to, 1n, 0n, expired.validBefore, expired.nonce, expiredSignature],
        { account: relayer.account },
      ),
    ).rejects.toThrow(/USDCAuthorizationExpired/);

    const nonce = toHex(crypto.getRandomValues(new Uint8Array(32)));
    const cancel = await payer.signTypedData({
      domain,
      types: {
        CancelAuthorization: [
          { name: "authorizer", type: "address" },
          { name: "nonce", type: "bytes32" },
        ],
      },
      primaryType: "CancelAuthorization",
      message: { authorizer: payer.address, nonce },
    });
    await usdc.write.cancelAuthorization([payer.address, nonce, cancel], { account: relayer.account });
    const later = { to: payee.account.address, value: 1n, validAfter: 0n, validBefore: now + 3600n, nonce };
    const signature = await signAuthorization(payer, domain, "TransferWithAuthorization", later);
    await expect(
      usdc.write.transferWithAuthorization([payer.address, later.to, 1n, 0n, later.validBefore, nonce, signature], {
        account: relayer.account,
      }),
    ).rejects.toThrow(/USDCAuthorizationUsedOrCanceled/);
  });

  it("only the owner mints", async () => {
    const { usdc, spender } = ctx;
    await expect(usdc.write.mint([spender.account.address, 1n], { account: spender.account })).rejects.toThrow(
      /OwnableUnauthorizedAccount/,
    );
  });
});
