import { ContractFunctionRevertedError, BaseError as ViemBaseError } from "viem";

/**
 * The custom error name a failed `readContract` reverted with, or undefined if it failed for another reason (no
 * contract, network). Reads go through here so that "no such job" becomes a typed error, not a viem trace.
 *
 * @example
 * if (revertErrorName(error) === "InferenceEscrowUnknownJob") throw new JobNotFoundError({ jobId, escrow });
 */
export function revertErrorName(error: unknown): string | undefined {
  if (!(error instanceof ViemBaseError)) return undefined;
  const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return revert instanceof ContractFunctionRevertedError ? revert.data?.errorName : undefined;
}
