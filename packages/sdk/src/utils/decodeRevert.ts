import { ContractFunctionRevertedError, BaseError as ViemBaseError } from "viem";

export type DecodeRevertReturnType = {
  /** The node reported a revert (with or without a reason); false when the call failed for another reason. */
  reverted: boolean;
  /** The custom error the contract reverted with (`InferenceEscrowJobExpired`), when its ABI was known. */
  errorName: string | undefined;
  /** That error's arguments, decoded. */
  args: readonly unknown[] | undefined;
  /** The revert string, or viem's short message when the call failed without one (no contract, out of gas, network). */
  reason: string | undefined;
  /** One line for a person: `ErrorName(arg, ...)`, else the reason, else the error's message. */
  summary: string;
};

/**
 * What a failed call or simulation reverted with. Every place that turns a viem error into words goes through here
 * (the SDK's reads and writes, the worker's fulfil, the agent's simulator), so a revert reads the same everywhere.
 *
 * @example
 * const { errorName, summary } = decodeRevert(error);
 * if (errorName === "InferenceEscrowUnknownJob") return undefined;
 * console.error(summary); // "PoolInsufficientOutput(33000000000000000, 34000000000000000)"
 */
export function decodeRevert(error: unknown): DecodeRevertReturnType {
  if (!(error instanceof ViemBaseError)) {
    const message = error instanceof Error ? error.message : String(error);
    return { reverted: false, errorName: undefined, args: undefined, reason: undefined, summary: message };
  }
  const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(revert instanceof ContractFunctionRevertedError)) {
    return {
      reverted: false,
      errorName: undefined,
      args: undefined,
      reason: error.shortMessage,
      summary: error.shortMessage,
    };
  }
  const errorName = revert.data?.errorName;
  const args = revert.data?.args;
  const reason = revert.reason ?? error.shortMessage;
  const summary = errorName ? `${errorName}(${(args ?? []).map(String).join(", ")})` : reason;
  return { reverted: true, errorName, args, reason, summary };
}
