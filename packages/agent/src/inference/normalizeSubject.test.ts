import { describe, expect, it } from "vitest";
import { UnsupportedSubjectError } from "../errors/inference.ts";
import { normalizeSubject } from "./normalizeSubject.ts";

describe("normalizeSubject", () => {
  it("reads either order and any case as the pool's pair", () => {
    expect(normalizeSubject({ subject: "weth/usdc" })).toBe("WETH/USDC");
    expect(normalizeSubject({ subject: "USDC/WETH" })).toBe("WETH/USDC");
  });
  it("refuses a market it cannot read from the chain", () => {
    expect(() => normalizeSubject({ subject: "ETH/WETH" })).toThrow(UnsupportedSubjectError);
  });
});
