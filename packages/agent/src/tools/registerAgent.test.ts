import { describe, expect, it } from "vitest";
import { fakeContext } from "../../test/helpers/fakeContext.ts";
import { registerAgentTool } from "./registerAgent.ts";

describe("register_agent", () => {
  it("registers with a name and service URL", async () => {
    const { context, sends } = fakeContext();
    const out = JSON.parse(
      await registerAgentTool({ context }).invoke({ name: "risk-bot", serviceUrl: "http://127.0.0.1:8080" }),
    );
    expect(out.agentId).toBe("1");
    expect(sends()).toEqual([
      { action: "registerAgent", args: { name: "risk-bot", serviceUrl: "http://127.0.0.1:8080" } },
    ]);
  });
  it("needs confirmation like any send", async () => {
    const { context, sends } = fakeContext({ yes: false, confirm: async () => false });
    expect(await registerAgentTool({ context }).invoke({ name: "risk-bot" })).toMatch(/^Refused \(confirmation\)/);
    expect(sends()).toEqual([]);
  });
});
