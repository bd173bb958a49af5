import { describe, expect, it } from "vitest";
import { agentSystemPrompt } from "./agentSystemPrompt.ts";

describe("agentSystemPrompt", () => {
  it("states the conventions and the no-guessing rule", () => {
    const prompt = agentSystemPrompt();
    expect(prompt).toMatch(/risk-v1/);
    expect(prompt).toMatch(/Never guess/);
    expect(prompt).toMatch(/whole units/);
  });
});
