import { describe, expect, it } from "vitest";
import { FRIEND, fakeContext } from "../../test/helpers/fakeContext.ts";
import { resolveDidTool } from "./resolveDid.ts";

describe("resolve_did", () => {
  it("returns the DID document", async () => {
    const { context } = fakeContext();
    const did = `did:ethr:0x7a69:${FRIEND}`;
    expect(JSON.parse(await resolveDidTool({ context }).invoke({ did }))).toEqual({ didDocument: { id: did } });
  });
  it("returns a resolution failure as text", async () => {
    const { context } = fakeContext({ failing: { resolveDid: "notFound" } });
    expect(await resolveDidTool({ context }).invoke({ did: `did:ethr:0x7a69:${FRIEND}` })).toBe("Error: notFound");
  });
});
