import { describe, expect, it } from "vitest";
import { createClauseView } from "../createClauseView.ts";
import { readPhrases } from "../readPhrases.ts";
import { tokenize } from "../tokenize.ts";
import { buildWrapCall } from "./buildWrapCall.ts";

const build = (text: string, unwrap: boolean) =>
  buildWrapCall({
    view: createClauseView({ items: readPhrases({ lexemes: tokenize({ text }) }) }),
    verbIndex: 0,
    unwrap,
  });

describe("buildWrapCall", () => {
  it("wraps and unwraps exact amounts", () => {
    expect(build("wrap half an ether into weth", false)).toEqual({
      ok: true,
      call: { name: "wrap_eth", args: { amount: "0.5" } },
    });
    expect(build("unwrap .75 WETH to ETH", true)).toEqual({
      ok: true,
      call: { name: "unwrap_eth", args: { amount: "0.75" } },
    });
    expect(build("wrap 3", false)).toEqual({ ok: true, call: { name: "wrap_eth", args: { amount: "3" } } });
  });
  it("refuses missing amounts and the wrong token", () => {
    expect(build("wrap some eth", false)).toMatchObject({ ok: false, reason: expect.stringMatching(/no amount/) });
    expect(build("wrap 1 weth", false)).toMatchObject({ ok: false, reason: expect.stringMatching(/already wrapped/) });
    expect(build("unwrap 5 usdc", true)).toMatchObject({ ok: false });
  });
});
