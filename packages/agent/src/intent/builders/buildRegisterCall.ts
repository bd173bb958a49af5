import type { ClauseView } from "../createClauseView.ts";
import { knownWords } from "../lexicon.ts";
import type { BuildResult } from "../types.ts";

export type BuildRegisterCallParameters = { view: ClauseView; verbIndex: number };

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// Names are read from what was typed ("Pricer"), not from its typo-corrected form ("price").
const isUnknownWord = (item: ClauseView["items"][number] | undefined) =>
  item?.kind === "word" && !knownWords.has(item.text.toLowerCase());
const nameMarkers = new Set(["called", "named", "name", "handle", "alias"]);

/**
 * Builds `register_agent`: "register me as an agent called risk-bot", "sign up as agent named
 * oracle-7 with service url http://127.0.0.1:8080", "register agent \"my-bot\"". The name keeps the
 * user's spelling; a URL in the step is the service URL.
 *
 * @example
 * buildRegisterCall({ view, verbIndex: 0 }); // register_agent { name: "risk-bot" }
 */
export function buildRegisterCall({ view, verbIndex }: BuildRegisterCallParameters): BuildResult {
  view.use(verbIndex);
  // "sign (me) up", "set up".
  view.useWords(["sign", "up", "set"]);
  let nameIndex = -1;
  const quoted = view.items.findIndex((item) => item.kind === "quoted");
  if (quoted >= 0) {
    nameIndex = quoted;
  } else {
    const marker = view.findWord(nameMarkers);
    if (marker >= 0) {
      view.use(marker);
      let i = marker + 1;
      while (["is", "of", "=", ":"].includes(view.items[i]?.text.toLowerCase() ?? "")) i += 1;
      nameIndex = i;
    } else {
      // "register agent risk-bot", "register risk-bot as an agent".
      for (let i = verbIndex + 1; i < view.items.length; i++) {
        const item = view.items[i]!;
        if (isUnknownWord(item)) {
          nameIndex = i;
          break;
        }
        if (item.kind !== "word") break;
      }
    }
  }
  const item = view.items[nameIndex];
  const name = item && ["word", "quoted", "token", "number"].includes(item.kind) ? item.text : undefined;
  if (name === undefined) {
    return { ok: false, reason: 'no agent name: say e.g. "register an agent named risk-bot".' };
  }
  if (item?.kind === "word" && (!isUnknownWord(item) || isUnknownWord(view.items[nameIndex + 1]))) {
    return {
      ok: false,
      reason: `I cannot tell where the agent name starts and ends: put it in quotes, e.g. named "my-bot".`,
    };
  }
  if (!namePattern.test(name)) {
    return {
      ok: false,
      reason: `"${name}" is not a name I can register: use letters, digits, ".", "_" or "-" (at most 64), starting with a letter or digit.`,
    };
  }
  view.use(nameIndex);
  const args: Record<string, string> = { name };
  const urls = view.items.flatMap((x, i) => (x.kind === "url" ? [i] : []));
  if (urls.length > 1) return { ok: false, reason: "more than one service URL: name one." };
  if (urls.length === 1) {
    args.serviceUrl = view.items[urls[0]!]!.text;
    view.use(urls[0]!);
  }
  return { ok: true, call: { name: "register_agent", args } };
}
