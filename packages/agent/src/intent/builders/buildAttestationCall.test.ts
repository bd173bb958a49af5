import { describe, expect, it } from "vitest";
import { createClauseView } from "../createClauseView.ts";
import { readPhrases } from "../readPhrases.ts";
import { tokenize } from "../tokenize.ts";
import { buildAttestationCall } from "./buildAttestationCall.ts";

const build = (text: string) =>
  buildAttestationCall({
    view: createClauseView({ items: readPhrases({ lexemes: tokenize({ text }) }) }),
    verbIndex: 0,
  });

describe("buildAttestationCall", () => {
  it("reads a 32-byte id", () => {
    const id = `0x${"0".repeat(63)}1`;
    expect(build(`attestation ${id}`)).toEqual({ ok: true, call: { name: "get_attestation", args: { id } } });
  });
  it("refuses ids of the wrong length and no id", () => {
    expect(build("attestation 0x1234")).toMatchObject({ ok: false, reason: expect.stringMatching(/4 hex digits/) });
    expect(build("attestation 42")).toMatchObject({ ok: false, reason: expect.stringMatching(/no attestation id/) });
  });
});
