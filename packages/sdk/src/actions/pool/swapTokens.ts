import { poolAbi } from "@convergence/contracts";
import {
  type Abi,
  type Address,
  encodeFunctionData,
  erc20Abi,
  type Hash,
  parseEventLogs,
  type TransactionReceipt,
} from "viem";
import type { WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import type { CallBatchSender } from "../inference/openJob.ts";
import { quoteSwap } from "./quoteSwap.ts";

export type SwapTokensParameters = {
  client: WriteClient;
  pool: Address;
  tokenIn: Address;
  amountIn: bigint;
  /** Worst acceptable price move against the quote, in basis points (default 50 = 0.5%). */
  maxSlippageBps?: number;
  recipient?: Address;
  /** Seconds from now until the swap expires (default 300). */
  ttlSeconds?: number;
  /**
   * Swap from this account instead of `client`'s (an EIP-7702 account's session batch; `client` then only reads):
   * approve exactly `amountIn` and swap in one batch, the output to the account (default `recipient`).
   */
  batch?: CallBatchSender;
};

export type SwapTokensReturnType = {
  quoted: bigint;
  minAmountOut: bigint;
  amountOut: bigint;
  approveHash: Hash | undefined;
  hash: Hash;
  receipt: TransactionReceipt;
};

/**
 * Exact-in swap through the constant-product pool: quotes, derives the minimum output from the slippage
 * bound, approves the pool if needed, and swaps with a deadline.
 *
 * @example
 * const { amountOut } = await swapTokens({ client, pool, tokenIn: usdc, amountIn: 100_000_000n, maxSlippageBps: 100 });
 */
export async function swapTokens({
  client,
  pool,
  tokenIn,
  amountIn,
  maxSlippageBps = 50,
  batch,
  recipient = batch?.address ?? client.account.address,
  ttlSeconds = 300,
}: SwapTokensParameters): Promise<SwapTokensReturnType> {
  if (amountIn <= 0n)
    throw new InvalidParameterError({ parameter: "amountIn", value: amountIn, expected: "a positive amount" });
  if (!Number.isInteger(maxSlippageBps) || maxSlippageBps < 0 || maxSlippageBps > 10_000) {
    throw new InvalidParameterError({
      parameter: "maxSlippageBps",
      value: maxSlippageBps,
      expected: "an integer from 0 to 10000",
    });
  }
  const quoted = await quoteSwap({ client, pool, tokenIn, amountIn });
  const minAmountOut = (quoted * BigInt(10_000 - maxSlippageBps)) / 10_000n;
  if (batch) {
    const deadline = (await client.getBlock()).timestamp + BigInt(ttlSeconds);
    const { hash, receipt } = await batch.send([
      { to: tokenIn, data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [pool, amountIn] }) },
      {
        to: pool,
        data: encodeFunctionData({
          abi: poolAbi,
          functionName: "swapExactIn",
          args: [tokenIn, amountIn, minAmountOut, recipient, deadline],
        }),
      },
    ]);
    return { quoted, minAmountOut, amountOut: swappedOut(receipt), approveHash: undefined, hash, receipt };
  }
  const allowance = await client.readContract({
    address: tokenIn,
    abi: erc20Abi,
    functionName: "allowance",
    args: [client.account.address, pool],
  });
  let approveHash: Hash | undefined;
  if (allowance < amountIn) {
    ({ hash: approveHash } = await writeContractAndWait({
      client,
      contract: "token",
      address: tokenIn,
      abi: erc20Abi as Abi,
      functionName: "approve",
      args: [pool, amountIn],
    }));
  }
  const block = await client.getBlock();
  const deadline = block.timestamp + BigInt(ttlSeconds);
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: "Pool",
    address: pool,
    abi: poolAbi as Abi,
    functionName: "swapExactIn",
    args: [tokenIn, amountIn, minAmountOut, recipient, deadline],
  });
  return { quoted, minAmountOut, amountOut: swappedOut(receipt), approveHash, hash, receipt };
}

function swappedOut(receipt: TransactionReceipt): bigint {
  const [swapped] = parseEventLogs({ abi: poolAbi, eventName: "Swapped", logs: receipt.logs });
  if (!swapped) throw new Error("unreachable: swapExactIn succeeded without a Swapped event");
  return swapped.args.amountOut;
}
