import { describe, expect, it } from "vitest";
import { BaseError } from "../errors/base.ts";
import { runTool } from "./runTool.ts";

describe("runTool", () => {
  it("returns results as JSON and strings as they are", async () => {
    expect(await runTool(async () => ({ a: 1n }))).toBe('{"a":"1"}');
    expect(await runTool(async () => "Refused (x): y")).toBe("Refused (x): y");
  });
  it("turns thrown errors into text, preferring the short message", async () => {
    expect(await runTool(async () => Promise.reject(new Error("boom")))).toBe("Error: boom");
    expect(await runTool(async () => Promise.reject(new BaseError("short", { details: "long" })))).toBe("Error: short");
    expect(await runTool(async () => Promise.reject("plain"))).toBe("Error: plain");
  });
});
