import { wethAbi } from "@convergence/contracts";
import type { Abi, Address, Hash, TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";

export type WrapEthParameters = { client: WriteClient; weth: Address; amount: bigint };

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
}: WrapEthParameters): Promise<{ hash: Hash; receipt: TransactionReceipt }> {
  if (amount <= 0n)
    throw new InvalidParameterError({ parameter: "amount", value: amount, expected: "a positive amount" });
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
