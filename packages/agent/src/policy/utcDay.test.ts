import { describe, expect, it } from "vitest";
import { utcDay } from "./utcDay.ts";

describe("utcDay", () => {
  it("keys by the UTC date, not the local one", () => {
    expect(utcDay(new Date("2026-03-01T23:59:59Z"))).toBe("2026-03-01");
    expect(utcDay(new Date("2026-03-01T23:59:59-05:00"))).toBe("2026-03-02");
  });
});
