import { type Abi, type Address, encodeFunctionData, erc20Abi, type Hash, type TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { TransactionFailedError } from "../../errors/contract.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import type { CallBatchSender } from "../inference/openJob.ts";
import type { TokenInfo } from "./types.ts";

export type TransferTokenParameters = {
  client: WriteClient;
  token: TokenInfo;
  to: Address;
  amount: bigint;
  /** Send from this account instead of `client`'s (an EIP-7702 account's session batch; `client` then only reads). */
  batch?: CallBatchSender;
};

/**
 * Sends native ETH or an ERC-20 token from the client's account.
 *
 * @example
 * await transferToken({ client, token: usdc, to, amount: 5_000_000n }); // 5 USDC
 */
export async function transferToken({
  client,
  token,
  to,
  amount,
  batch,
}: TransferTokenParameters): Promise<{ hash: Hash; receipt: TransactionReceipt }> {
  if (amount <= 0n)
    throw new InvalidParameterError({ parameter: "amount", value: amount, expected: "a positive amount" });
  if (batch) {
    return batch.send([
      token.address
        ? {
            to: token.address,
            data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, amount] }),
          }
        : { to, value: amount, data: "0x" },
    ]);
  }
  if (!token.address) {
    const hash = await client.sendTransaction({ to, value: amount });
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new TransactionFailedError({ hash, functionName: "ETH transfer" });
    return { hash, receipt };
  }
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: token.symbol,
    address: token.address,
    abi: erc20Abi as Abi,
    functionName: "transfer",
    args: [to, amount],
  });
  return { hash, receipt };
}
