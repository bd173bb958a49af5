import { wethAbi } from "@convergence/contracts";
import { type Abi, type Address, encodeFunctionData, type Hash, type TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import type { CallBatchSender } from "../inference/openJob.ts";

export type WrapEthParameters = {
  client: WriteClient;
  weth: Address;
  amount: bigint;
  /** Send from this account instead of `client`'s (an EIP-7702 account's session batch; `client` then only reads). */
  batch?: CallBatchSender;
};

/**
 * Wraps native ETH into WETH (`deposit`).
 *
 * @example
 * await wrapEth({ client, weth, amount: parseEther("1") });
 */
export async function wrapEth({
  client,
  weth,
  amount,
  batch,
}: WrapEthParameters): Promise<{ hash: Hash; receipt: TransactionReceipt }> {
  if (amount <= 0n)
    throw new InvalidParameterError({ parameter: "amount", value: amount, expected: "a positive amount" });
  if (batch) {
    return batch.send([
      { to: weth, value: amount, data: encodeFunctionData({ abi: wethAbi, functionName: "deposit" }) },
    ]);
  }
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: "WETH",
    address: weth,
    abi: wethAbi as Abi,
    functionName: "deposit",
    value: amount,
  });
  return { hash, receipt };
}
