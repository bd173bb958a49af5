import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { formatDecimal } from "../intent/formatDecimal.ts";
import { parseDecimal } from "../intent/parseDecimal.ts";
import type { TokenSymbol } from "../intent/types.ts";
import { readSpendLedger, type SpendLedger } from "./readSpendLedger.ts";
import { utcDay } from "./utcDay.ts";

export type RecordSpendParameters = {
  path: string;
  token: TokenSymbol;
  /** Whole units, decimal string. */
  amount: string;
  now?: Date;
};

const KEEP_DAYS = 7;

/**
 * Adds a spend to today's total in the ledger (exact decimals), keeping the last week, and writes it
 * atomically (temp file + rename).
 *
 * @example
 * recordSpend({ path: ledgerPath, token: "USDC", amount: "100" });
 */
export function recordSpend({ path, token, amount, now = new Date() }: RecordSpendParameters): SpendLedger {
  const ledger = readSpendLedger({ path });
  const day = utcDay(now);
  const today = { ...(ledger.days[day] ?? {}) };
  const previous = parseDecimal({ text: today[token] ?? "0" }) ?? 0n;
  const added = parseDecimal({ text: amount });
  if (added === undefined) throw new TypeError(`recordSpend: ${amount} is not a decimal amount`);
  today[token] = formatDecimal({ value: previous + added });
  const days = Object.fromEntries(
    Object.entries({ ...ledger.days, [day]: today })
      .sort(([a], [b]) => (a < b ? 1 : -1))
      .slice(0, KEEP_DAYS),
  );
  const next: SpendLedger = { version: 1, days };
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(temp, path);
  return next;
}
