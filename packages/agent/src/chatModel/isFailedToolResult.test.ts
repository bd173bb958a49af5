import { ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { isFailedToolResult } from "./isFailedToolResult.ts";

const result = (content: string, status?: "error" | "success") =>
  new ToolMessage({ content, tool_call_id: "1", status });

describe("isFailedToolResult", () => {
  it("sees errors and refusals", () => {
    expect(isFailedToolResult(result("Error: reverted"))).toBe(true);
    expect(isFailedToolResult(result("Refused (daily-cap): over the cap"))).toBe(true);
    expect(isFailedToolResult(result('{"ok":true}', "error"))).toBe(true);
  });
  it("passes results", () => {
    expect(isFailedToolResult(result('{"hash":"0x01"}'))).toBe(false);
    expect(isFailedToolResult(result("Errors: none", "success"))).toBe(false);
  });
});
