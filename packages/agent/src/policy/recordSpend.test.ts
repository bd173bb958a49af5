import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSpendLedger } from "./readSpendLedger.ts";
import { recordSpend } from "./recordSpend.ts";

describe("recordSpend", () => {
  it("adds exact decimals per token and UTC day", () => {
    const path = join(mkdtempSync(join(tmpdir(), "ledger-")), "spend-ledger.json");
    const now = new Date("2026-03-01T12:00:00Z");
    recordSpend({ path, token: "USDC", amount: "0.1", now });
    recordSpend({ path, token: "USDC", amount: "0.2", now });
    recordSpend({ path, token: "ETH", amount: "1", now });
    recordSpend({ path, token: "USDC", amount: "5", now: new Date("2026-03-02T00:00:01Z") });
    const ledger = readSpendLedger({ path });
    expect(ledger.days["2026-03-01"]).toEqual({ USDC: "0.3", ETH: "1" });
    expect(ledger.days["2026-03-02"]).toEqual({ USDC: "5" });
  });
  it("keeps only the last seven days", () => {
    const path = join(mkdtempSync(join(tmpdir(), "ledger-")), "spend-ledger.json");
    for (let day = 1; day <= 9; day++) {
      recordSpend({ path, token: "USDC", amount: "1", now: new Date(`2026-03-0${day}T10:00:00Z`) });
    }
    const days = Object.keys(readSpendLedger({ path }).days).sort();
    expect(days).toHaveLength(7);
    expect(days[0]).toBe("2026-03-03");
  });
  it("takes a released reservation back out of its day, never below zero", () => {
    const path = join(mkdtempSync(join(tmpdir(), "ledger-")), "spend-ledger.json");
    const now = new Date("2026-03-01T12:00:00Z");
    recordSpend({ path, token: "USDC", amount: "1000.5", now });
    recordSpend({ path, token: "USDC", amount: "0.5", now, release: true });
    expect(readSpendLedger({ path }).days["2026-03-01"]).toEqual({ USDC: "1000" });
    recordSpend({ path, token: "USDC", amount: "2000", now, release: true });
    expect(readSpendLedger({ path }).days["2026-03-01"]).toEqual({ USDC: "0" });
  });
});
