import { usdcAbi } from "@convergence/contracts";
import { type Address, bytesToHex, type Hex, type LocalAccount } from "viem";
import type { ReadClient } from "../../client/types.ts";

export type SignTransferAuthorizationParameters = {
  client: ReadClient;
  token: Address;
  from: LocalAccount;
  to: Address;
  value: bigint;
  /** Unix seconds; valid strictly after. Default 0. */
  validAfter?: bigint;
  /** Unix seconds; valid strictly before. */
  validBefore: bigint;
  /** 32 random bytes by default. */
  nonce?: Hex;
  /** `receive` authorizations can only be submitted by the payee (front-running safe). Default `transfer`. */
  kind?: "transfer" | "receive";
};

export type SignTransferAuthorizationReturnType = {
  from: Address;
  to: Address;
  value: bigint;
  validAfter: bigint;
  validBefore: bigint;
  nonce: Hex;
  signature: Hex;
};

/**
 * Signs an EIP-3009 TransferWithAuthorization or ReceiveWithAuthorization: a gasless transfer that
 * anyone (or, for `receive`, only the payee) can submit once.
 *
 * @example
 * const auth = await signTransferAuthorization({ client, token: usdc, from, to, value: 1_000_000n, validBefore });
 */
export async function signTransferAuthorization({
  client,
  token,
  from,
  to,
  value,
  validAfter = 0n,
  validBefore,
  nonce = bytesToHex(crypto.getRandomValues(new Uint8Array(32))),
  kind = "transfer",
}: SignTransferAuthorizationParameters): Promise<SignTransferAuthorizationReturnType> {
  const [, name, version, chainId] = await client.readContract({
    address: token,
    abi: usdcAbi,
    functionName: "eip712Domain",
  });
  const primaryType = kind === "transfer" ? "TransferWithAuthorization" : "ReceiveWithAuthorization";
  const fields = [
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "validAfter", type: "uint256" },
    { name: "validBefore", type: "uint256" },
    { name: "nonce", type: "bytes32" },
  ] as const;
  const message = { from: from.address, to, value, validAfter, validBefore, nonce };
  const signature = await from.signTypedData({
    domain: { name, version, chainId: Number(chainId), verifyingContract: token },
    types: { [primaryType]: fields } as { TransferWithAuthorization: typeof fields },
    primaryType: primaryType as "TransferWithAuthorization",
    message,
  });
  return { ...message, signature };
}
