import { describe, expect, it } from "vitest";
import { amountSchema } from "./schemas.ts";

describe("amountSchema", () => {
  it("takes plain positive decimals up to 18 decimals and 2^256 - 1 base units", () => {
    const largest = (2n ** 256n - 1n).toString();
    const whole = largest.slice(0, -18);
    const atMost = `${whole}.${largest.slice(-18)}`;
    for (const value of ["100", "0.5", ".5", "0.000000000000000001", atMost]) {
      expect(amountSchema.safeParse(value).success, value).toBe(true);
    }
  });

  it.each([
    ["1e308", "a decimal amount in whole units"],
    ["-1e308", "a decimal amount in whole units"],
    ["Infinity", "a decimal amount in whole units"],
    ["NaN", "a decimal amount in whole units"],
    ["-5", "a decimal amount in whole units"],
    ["0", "greater than zero"],
    ["9".repeat(400), "at most 2^256 - 1 base units"],
    [`${(2n ** 256n / 10n ** 18n + 1n).toString()}`, "at most 2^256 - 1 base units"],
    ["0.0000000000000000001", "at most 18 decimals"],
  ])("refuses %s", (value, message) => {
    const result = amountSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join("; ")).toContain(message);
  });

  it("refuses a number where a decimal string is expected, even a finite one", () => {
    for (const value of [1e308, -1e308, Number.POSITIVE_INFINITY, 100]) {
      expect(amountSchema.safeParse(value).success).toBe(false);
    }
  });
});
