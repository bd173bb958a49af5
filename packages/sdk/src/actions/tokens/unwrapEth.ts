import { wethAbi } from "@convergence/contracts";
import type { Abi, Address, Hash, TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";

export type UnwrapEthParameters = { client: WriteClient; weth: Address; amount: bigint };

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
}: UnwrapEthParameters): Promise<{ hash: Hash; receipt: TransactionReceipt }> {
  if (amount <= 0n)
    throw new InvalidParameterError({ parameter: "amount", value: amount, expected: "a positive amount" });
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
