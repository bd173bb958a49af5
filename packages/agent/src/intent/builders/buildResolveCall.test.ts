import { describe, expect, it } from "vitest";
import { createClauseView } from "../createClauseView.ts";
import { readPhrases } from "../readPhrases.ts";
import { tokenize } from "../tokenize.ts";
import { buildResolveCall } from "./buildResolveCall.ts";

const A = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const build = (text: string) =>
  buildResolveCall({ view: createClauseView({ items: readPhrases({ lexemes: tokenize({ text }) }) }), verbIndex: 0 });

describe("buildResolveCall", () => {
  it("resolves a did:ethr with or without a network", () => {
    expect(build(`resolve did:ethr:0x7a69:${A}`)).toEqual({
      ok: true,
      call: { name: "resolve_did", args: { did: `did:ethr:0x7a69:${A}` } },
    });
    expect(build(`resolve did:ethr:${A}`)).toMatchObject({ ok: true });
  });
  it("refuses a bare address, a malformed DID and no DID", () => {
    expect(build(`resolve ${A}`)).toMatchObject({ ok: false, reason: expect.stringMatching(/full DID/) });
    expect(build("resolve did:ethr:0x7a69:0x12")).toMatchObject({ ok: false });
    expect(build("resolve it")).toMatchObject({ ok: false, reason: expect.stringMatching(/no DID/) });
  });
});
