import { formatDecimal } from "../intent/formatDecimal.ts";
import { parseDecimal } from "../intent/parseDecimal.ts";
import type { TokenSymbol } from "../intent/types.ts";
import { readSpendLedger, type SpendLedger } from "./readSpendLedger.ts";
import { utcDay } from "./utcDay.ts";
import { writeSpendLedger } from "./writeSpendLedger.ts";

export type RecordSpendParameters = {
  path: string;
  token: TokenSymbol;
  /** Whole units, decimal string. */
  amount: string;
  now?: Date;
  /** Take the amount back out (a reservation whose send never went out), never below zero. */
  release?: boolean;
};

/**
 * Adds a spend to (or, with `release`, takes it from) the day's total in the ledger, in exact decimals.
 * Call it under withLedgerLock: it reads, then writes.
 *
 * @example
 * recordSpend({ path: ledgerPath, token: "USDC", amount: "100" });
 */
export function recordSpend({
  path,
  token,
  amount,
  now = new Date(),
  release = false,
}: RecordSpendParameters): SpendLedger {
  const ledger = readSpendLedger({ path });
  const day = utcDay(now);
  const today = { ...(ledger.days[day] ?? {}) };
  const previous = parseDecimal({ text: today[token] ?? "0" }) ?? 0n;
  const change = parseDecimal({ text: amount });
  if (change === undefined) throw new TypeError(`recordSpend: ${amount} is not a decimal amount`);
  const total = release ? previous - change : previous + change;
  today[token] = formatDecimal({ value: total > 0n ? total : 0n });
  return writeSpendLedger({ path, ledger: { version: 1, days: { ...ledger.days, [day]: today } } });
}
