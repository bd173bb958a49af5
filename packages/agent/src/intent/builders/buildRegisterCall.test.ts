import { describe, expect, it } from "vitest";
import { createClauseView } from "../createClauseView.ts";
import { readPhrases } from "../readPhrases.ts";
import { tokenize } from "../tokenize.ts";
import { buildRegisterCall } from "./buildRegisterCall.ts";

const build = (text: string) =>
  buildRegisterCall({ view: createClauseView({ items: readPhrases({ lexemes: tokenize({ text }) }) }), verbIndex: 0 });

describe("buildRegisterCall", () => {
  it("reads the name as typed and the service URL", () => {
    expect(build("register an agent named oracle-7 with service url http://127.0.0.1:8080")).toEqual({
      ok: true,
      call: { name: "register_agent", args: { name: "oracle-7", serviceUrl: "http://127.0.0.1:8080" } },
    });
    expect(build("register me as an agent called Pricer")).toMatchObject({ call: { args: { name: "Pricer" } } });
    expect(build('register agent "scout"')).toMatchObject({ call: { args: { name: "scout" } } });
    expect(build("register risk-bot")).toMatchObject({ call: { args: { name: "risk-bot" } } });
  });
  it("refuses a missing, multi-word or invalid name", () => {
    expect(build("register me as an agent")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no agent name/),
    });
    expect(build("register an agent named my bot")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/quotes/),
    });
    expect(build('register an agent named "my bot"')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a name/),
    });
  });
});
