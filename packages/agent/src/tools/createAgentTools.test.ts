import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fakeContext } from "../../test/helpers/fakeContext.ts";
import { agentToolDefinitions } from "./agentToolDefinitions.ts";
import { createAgentTools } from "./createAgentTools.ts";

describe("createAgentTools", () => {
  it("makes the eleven tools of the design with snake_case names", () => {
    const names = createAgentTools({ context: fakeContext().context }).map((t) => t.name);
    expect(names.sort()).toEqual(
      [
        "get_attestation",
        "get_balances",
        "get_quick_inference",
        "quote_swap",
        "register_agent",
        "request_verified_inference",
        "resolve_did",
        "swap_tokens",
        "transfer_tokens",
        "unwrap_eth",
        "wrap_eth",
      ].sort(),
    );
  });
});

describe("agentToolDefinitions", () => {
  it("describes every field and says when not to use each tool", () => {
    for (const definition of agentToolDefinitions()) {
      expect(definition.description, definition.name).toMatch(/Do not use/);
      const json = z.toJSONSchema(definition.schema) as { properties: Record<string, { description?: string }> };
      for (const [field, schema] of Object.entries(json.properties)) {
        expect(schema.description, `${definition.name}.${field}`).toMatch(/\w/);
      }
    }
  });
});
