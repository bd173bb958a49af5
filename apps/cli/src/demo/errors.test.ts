import { describe, expect, it } from "vitest";
import { CliError } from "../errors.ts";
import { DemoStepError } from "./errors.ts";

describe("DemoStepError", () => {
  it("names the step, keeps the cause's message and the cause, and says what to try", () => {
    const cause = new Error("the worker exited (code 1) before it listened.");
    const error = new DemoStepError({ step: "Starting the inference worker", cause });
    expect(error).toBeInstanceOf(CliError);
    expect(error.step).toBe("Starting the inference worker");
    expect(error.message).toContain('Demo step "Starting the inference worker" failed: the worker exited');
    expect(error.message).toContain("pnpm convergence doctor");
    expect(error.cause).toBe(cause);
  });

  it("takes a cause that is not an Error", () => {
    expect(new DemoStepError({ step: "x", cause: "boom" }).message).toContain('Demo step "x" failed: boom');
  });
});
