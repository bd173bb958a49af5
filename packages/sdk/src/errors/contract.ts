import { BaseError } from "./base.ts";

/** A call the contract refused, with the custom error it reverted with. */
export class ContractRevertError extends BaseError {
  override name = "ContractRevertError";
  readonly errorName: string | undefined;
  readonly args: readonly unknown[] | undefined;
  constructor({
    contract,
    functionName,
    errorName,
    args,
    reason,
    cause,
  }: {
    contract: string;
    functionName: string;
    errorName?: string | undefined;
    args?: readonly unknown[] | undefined;
    reason?: string | undefined;
    cause?: unknown;
  }) {
    const what = errorName ? `${errorName}(${(args ?? []).map(String).join(", ")})` : (reason ?? "no reason given");
    super(`${contract}.${functionName} reverted: ${what}.`, { cause });
    this.errorName = errorName;
    this.args = args;
  }
}

/** A transaction that was mined but failed. */
export class TransactionFailedError extends BaseError {
  override name = "TransactionFailedError";
  constructor({ hash, functionName }: { hash: string; functionName: string }) {
    super(`Transaction ${hash} (${functionName}) was mined but reverted.`);
  }
}
