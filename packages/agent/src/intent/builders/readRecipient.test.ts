import { describe, expect, it } from "vitest";
import { createClauseView } from "../createClauseView.ts";
import { readPhrases } from "../readPhrases.ts";
import { tokenize } from "../tokenize.ts";
import { readRecipient } from "./readRecipient.ts";

const read = (text: string, optional = false) =>
  readRecipient({
    view: createClauseView({ items: readPhrases({ lexemes: tokenize({ text }) }) }),
    role: "recipient",
    optional,
  });
const A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("readRecipient", () => {
  it("reads one address or DID", () => {
    expect(read(`to ${A}`)).toEqual({ ok: true, value: A });
    expect(read(`to did:ethr:sepolia:${A}`)).toEqual({ ok: true, value: `did:ethr:sepolia:${A}` });
    expect(read("to me", true)).toEqual({ ok: true, value: undefined });
  });
  it("refuses two recipients, wrong lengths and none when required", () => {
    expect(read(`to ${A} and 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC`).ok).toBe(false);
    expect(read(`to ${A}ab`).ok).toBe(false);
    expect(read("to me").ok).toBe(false);
  });
});
