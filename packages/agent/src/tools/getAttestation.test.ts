import { describe, expect, it } from "vitest";
import { fakeContext } from "../../test/helpers/fakeContext.ts";
import { getAttestationTool } from "./getAttestation.ts";

const id = `0x${"01".repeat(32)}`;

describe("get_attestation", () => {
  it("reads the attestation", async () => {
    const { context } = fakeContext();
    expect(JSON.parse(await getAttestationTool({ context }).invoke({ id }))).toEqual({ id, verified: true });
  });
  it("rejects an id of the wrong length", async () => {
    const { context } = fakeContext();
    await expect(getAttestationTool({ context }).invoke({ id: "0x01" })).rejects.toThrow();
  });
});
