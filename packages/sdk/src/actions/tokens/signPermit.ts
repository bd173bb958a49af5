import { usdcAbi } from "@convergence/contracts";
import { type Address, erc20Abi, type Hex, type LocalAccount, parseSignature } from "viem";
import type { ReadClient } from "../../client/types.ts";

export type SignPermitParameters = {
  client: ReadClient;
  token: Address;
  owner: LocalAccount;
  spender: Address;
  value: bigint;
  /** Unix seconds. */
  deadline: bigint;
};

export type SignPermitReturnType = { v: number; r: Hex; s: Hex; deadline: bigint; nonce: bigint };

/**
 * Signs an ERC-2612 permit so `spender` can pull `value` without a prior approve transaction.
 *
 * @example
 * const permit = await signPermit({ client, token: usdc, owner, spender: escrow, value: 2_000_000n, deadline });
 */
export async function signPermit({
  client,
  token,
  owner,
  spender,
  value,
  deadline,
}: SignPermitParameters): Promise<SignPermitReturnType> {
  const [nonce, name, chainId] = await Promise.all([
    client.readContract({ address: token, abi: usdcAbi, functionName: "nonces", args: [owner.address] }),
    client.readContract({ address: token, abi: erc20Abi, functionName: "name" }),
    client.getChainId(),
  ]);
  const version = await client
    .readContract({ address: token, abi: usdcAbi, functionName: "eip712Domain" })
    .then((domain) => domain[2]);
  const signature = await owner.signTypedData({
    domain: { name, version, chainId, verifyingContract: token },
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
    message: { owner: owner.address, spender, value, nonce, deadline },
  });
  const { r, s, yParity } = parseSignature(signature);
  return { v: 27 + yParity, r, s, deadline, nonce };
}
