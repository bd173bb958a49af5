import { ContractFunctionRevertedError, BaseError as ViemBaseError } from "viem";

/**
 * A revert as one line: the custom error with its arguments (`ERC20InsufficientBalance(0x.., 0, 5000000)`),
 * the revert string, or the node's message (e.g. "insufficient funds for gas * price + value").
 *
 * @example
 * describeRevert(error); // "PoolInsufficientOutput(33000000000000000, 34000000000000000)"
 */
export function describeRevert(error: unknown): string {
  if (error instanceof ViemBaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      if (revert.data?.errorName) {
        const args = (revert.data.args ?? []).map((a) => String(a)).join(", ");
        return `${revert.data.errorName}(${args})`;
      }
      if (revert.reason) return revert.reason;
    }
    return error.shortMessage;
  }
  return error instanceof Error ? error.message : String(error);
}
