import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { SpendLedger } from "./readSpendLedger.ts";

export type WriteSpendLedgerParameters = { path: string; ledger: SpendLedger };

const KEEP_DAYS = 7;

/**
 * Writes the spend ledger atomically (temp file + rename, so a reader never sees half a file), keeping
 * the last week. Call it under withLedgerLock.
 *
 * @example
 * writeSpendLedger({ path, ledger: { version: 1, days: { "2026-03-01": { USDC: "5" } } } });
 */
export function writeSpendLedger({ path, ledger }: WriteSpendLedgerParameters): SpendLedger {
  const days = Object.fromEntries(
    Object.entries(ledger.days)
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
