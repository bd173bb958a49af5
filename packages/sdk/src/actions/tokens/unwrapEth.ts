import { wethAbi } from "@convergence/contracts";
import { type Abi, type Address, encodeFunctionData, type Hash, type TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import type { CallBatchSender } from "../inference/openJob.ts";

export type UnwrapEthParameters = {
  client: WriteClient;
  weth: Address;
  amount: bigint;
  /** Send from this account instead of `client`'s (an EIP-7702 account's session batch; `client` then only reads). */
  batch?: CallBatchSender;
};

/**
 * Unwraps WETH back into native ETH (`withdraw`).
 *
 * @example
 * await unwrapEth({ client, weth, amount: parseEther("0.25") });
 */
export async function unwrapEth({
  client,
  weth,
  amount,
  batch,
}: UnwrapEthParameters): Promise<{ hash: Hash; receipt: TransactionReceipt }> {
  if (amount <= 0n)
    throw new InvalidParameterError({ parameter: "amount", value: amount, expected: "a positive amount" });
  if (batch) {
    return batch.send([
      { to: weth, data: encodeFunctionData({ abi: wethAbi, functionName: "withdraw", args: [amount] }) },
    ]);
  }
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: "WETH",
    address: weth,
    abi: wethAbi as Abi,
    functionName: "withdraw",
    args: [amount],
  });
  return { hash, receipt };
}
