import { usdcAbi } from "@convergence/contracts";
import type { Abi, Address, Hash, TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import type { SignTransferAuthorizationReturnType } from "./signTransferAuthorization.ts";

export type SubmitTransferAuthorizationParameters = {
  /** Anyone for `transfer`; must be the payee for `receive`. */
  client: WriteClient;
  token: Address;
  authorization: SignTransferAuthorizationReturnType;
  kind?: "transfer" | "receive";
};

/**
 * Submits a signed EIP-3009 authorization (transferWithAuthorization / receiveWithAuthorization).
 *
 * @example
 * await submitTransferAuthorization({ client: relayer, token: usdc, authorization });
 */
export async function submitTransferAuthorization({
  client,
  token,
  authorization,
  kind = "transfer",
}: SubmitTransferAuthorizationParameters): Promise<{ hash: Hash; receipt: TransactionReceipt }> {
  const { from, to, value, validAfter, validBefore, nonce, signature } = authorization;
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: "USDC",
    address: token,
    abi: usdcAbi as Abi,
    functionName: `${kind}WithAuthorization`,
    args: [from, to, value, validAfter, validBefore, nonce, signature],
  });
  return { hash, receipt };
}
