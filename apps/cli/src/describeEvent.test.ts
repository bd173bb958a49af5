import type { AgentEvent } from "@convergence/agent";
import { describe, expect, it } from "vitest";
import { describeEvent } from "./describeEvent.ts";

describe("describeEvent", () => {
  it("shows calls and results in full, one line each", () => {
    expect(describeEvent({ type: "call", name: "wrap_eth", args: { amount: "1" } } satisfies AgentEvent)).toBe(
      '→ wrap_eth {"amount":"1"}',
    );
    expect(
      describeEvent({ type: "result", name: "wrap_eth", ok: false, text: "Refused (caps)" } satisfies AgentEvent),
    ).toBe("✖ wrap_eth: Refused (caps)");
  });

  it('shortens a "Done." answer that restates the streamed results, and keeps any other answer whole', () => {
    expect(describeEvent({ type: "answer", text: 'Done.\n1. wrap_eth: {"hash":"0x1"}' } satisfies AgentEvent)).toBe(
      "Done.",
    );
    const stopped = "Step 1 (wrap_eth) did not complete: reverted\nI stopped there: 1 later step was not run.";
    expect(describeEvent({ type: "answer", text: stopped } satisfies AgentEvent)).toBe(stopped);
  });
});
