import { describe, expect, it } from "vitest";
import { formatToolOutput } from "./formatToolOutput.ts";

describe("formatToolOutput", () => {
  it("writes JSON with bigints as strings", () => {
    expect(formatToolOutput({ gas: 21000n, nested: [1n] })).toBe('{"gas":"21000","nested":["1"]}');
    expect(formatToolOutput(undefined)).toBe("null");
  });
});
