import { describe, expect, it } from "vitest";
import { stripControlCharacters } from "./stripControlCharacters.ts";

describe("stripControlCharacters", () => {
  it("replaces C0, DEL and C1 control characters, keeps printable text (non-ASCII included)", () => {
    expect(
      stripControlCharacters({ text: "http://a.example/\u001b[2J\u001b]8;;x\u0007\u009b1m\u007f\r\n\t\u0000" }),
    ).toBe("http://a.example/\uFFFD[2J\uFFFD]8;;x\uFFFD\uFFFD1m\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD");
    expect(stripControlCharacters({ text: "agent 2 — vérifié, 0.16 USDC" })).toBe("agent 2 — vérifié, 0.16 USDC");
  });
});
