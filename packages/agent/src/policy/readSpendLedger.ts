import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { SpendLedgerError } from "../errors/policy.ts";
import type { TokenSymbol } from "../intent/types.ts";

const ledgerSchema = z.object({
  version: z.literal(1),
  days: z.record(z.string(), z.record(z.string(), z.string().regex(/^\d+(\.\d+)?$/))),
});

/** Spending per UTC day (`YYYY-MM-DD`) and token, in whole units. */
export type SpendLedger = { version: 1; days: Record<string, Partial<Record<TokenSymbol, string>>> };

export type ReadSpendLedgerParameters = { path: string };

/**
 * Reads the spend ledger; a missing file is an empty ledger.
 *
 * @example
 * const today = readSpendLedger({ path }).days["2026-01-01"] ?? {};
 */
export function readSpendLedger({ path }: ReadSpendLedgerParameters): SpendLedger {
  if (!existsSync(path)) return { version: 1, days: {} };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new SpendLedgerError({ path, problem: `not JSON (${(error as Error).message})` });
  }
  const parsed = ledgerSchema.safeParse(json);
  if (!parsed.success) throw new SpendLedgerError({ path, problem: parsed.error.issues[0]?.message ?? "bad shape" });
  return parsed.data as SpendLedger;
}
