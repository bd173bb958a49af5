import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SpendLedgerError } from "../errors/policy.ts";
import { readSpendLedger } from "./readSpendLedger.ts";

const dir = mkdtempSync(join(tmpdir(), "ledger-"));

describe("readSpendLedger", () => {
  it("reads a missing ledger as empty", () => {
    expect(readSpendLedger({ path: join(dir, "none.json") })).toEqual({ version: 1, days: {} });
  });
  it("refuses a corrupt ledger with a clear error", () => {
    const path = join(dir, "bad.json");
    writeFileSync(path, JSON.stringify({ version: 1, days: { "2026-01-01": { USDC: "-1" } } }));
    expect(() => readSpendLedger({ path })).toThrow(SpendLedgerError);
  });
});
