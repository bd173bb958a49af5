import { type Address, encodeAbiParameters, type Hex } from "viem";

/** One call of an ERC-7821 batch. */
export type AccountCall = { to: Address; value?: bigint; data?: Hex };

/** ERC-7821 / ERC-7579 mode: call type batch (0x01), exec type default (0x00), no mode selector, no payload. */
export const EXECUTE_BATCH_MODE: Hex = `0x01${"00".repeat(31)}`;

/**
 * The `executionData` of an ERC-7821 batch `execute(mode, executionData)`: `abi.encode(Execution[])` with
 * `Execution(address target, uint256 value, bytes callData)` (OpenZeppelin's ERC7579Utils.encodeBatch).
 *
 * @example
 * const data = encodeExecuteBatch({ calls: [{ to: usdc, data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args }) }] });
 */
export function encodeExecuteBatch({ calls }: { calls: readonly AccountCall[] }): Hex {
  return encodeAbiParameters(
    [
      {
        type: "tuple[]",
        components: [
          { name: "target", type: "address" },
          { name: "value", type: "uint256" },
          { name: "callData", type: "bytes" },
        ],
      },
    ],
    [calls.map((call) => ({ target: call.to, value: call.value ?? 0n, callData: call.data ?? "0x" }))],
  );
}
