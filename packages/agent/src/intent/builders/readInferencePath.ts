import type { ClauseView } from "../createClauseView.ts";
import { proofWords, quickInferenceWords, verifiedInferenceWords } from "../lexicon.ts";

export type ReadInferencePathParameters = { view: ClauseView };

/**
 * The path an inference takes: "verified" (the escrow pays for a zero-knowledge proof checked on-chain) or "quick"
 * (an unproven answer paid per call over x402), with the user's words that chose it (`said`), or why it cannot be
 * read.
 */
export type ReadInferencePathReturnType =
  | { ok: true; path: "verified" | "quick"; said: string | undefined }
  | { ok: false; reason: string };

const negations = new Set(["no", "not", "without"]);
/** Words that may stand between a negation and what it negates: "no need for a proof", "does not need to be verified". */
const negationFillers = new Set([
  "a",
  "an",
  "any",
  "the",
  "zk",
  "zero-knowledge",
  "need",
  "needs",
  "needed",
  "require",
  "required",
  "for",
  "is",
  "are",
  "to",
  "be",
  "have",
  "has",
  "it",
  "really",
]);
/** After a proof word: "proof not needed", "proof is not required", "proof unnecessary". */
const trailingNegation = new Set(["not", "unnecessary", "optional"]);
const trailingFillers = new Set(["is", "are", "needed", "required", "necessary"]);

/**
 * Reads whether a risk score should be proven: "quick answer is fine", "unproven", "unverified", "no proof needed",
 * "without a proof", "proof not required", "does not need to be verified" ask for a quick answer; "verified", "proven",
 * "proof", "zk" ask for the verified one, which is also the default (a score someone pays for is proven unless the
 * user says otherwise). Both in one step refuse: the agent does not pick between them. The words read are marked used,
 * negations included, so "no" and "not" in these phrases do not refuse the step.
 *
 * @example
 * readInferencePath({ view }); // { ok: true, path: "quick", said: "no proof needed" } for "..., no proof needed, ..."
 */
export function readInferencePath({ view }: ReadInferencePathParameters): ReadInferencePathReturnType {
  const quick: { from: number; to: number }[] = [];
  const isProofWord = (word: string | undefined) =>
    word !== undefined &&
    (proofWords.has(word) || verifiedInferenceWords.has(word) || word === "verify" || word === "prove");
  for (let i = 0; i < view.items.length; i++) {
    const word = view.wordAt(i);
    if (word === undefined) continue;
    if (quickInferenceWords.has(word)) {
      const next = view.wordAt(i + 1);
      const to =
        word === "quick" && next !== undefined && ["answer", "one", "estimate", "check", "look"].includes(next)
          ? i + 1
          : i;
      quick.push({ from: i, to });
      continue;
    }
    if (negations.has(word)) {
      let j = i + 1;
      while (negationFillers.has(view.wordAt(j) ?? "")) j++;
      if (j > i && isProofWord(view.wordAt(j))) {
        let end = j;
        while (trailingFillers.has(view.wordAt(end + 1) ?? "")) end++;
        quick.push({ from: i, to: end });
        i = end;
      }
      continue;
    }
    if (isProofWord(word)) {
      let j = i + 1;
      while (["is", "are"].includes(view.wordAt(j) ?? "")) j++;
      if (trailingNegation.has(view.wordAt(j) ?? "")) {
        let end = j;
        while (trailingFillers.has(view.wordAt(end + 1) ?? "")) end++;
        quick.push({ from: i, to: end });
        i = end;
      }
    }
  }
  const inQuick = (index: number) => quick.some((span) => index >= span.from && index <= span.to);
  const verified: number[] = [];
  for (let i = 0; i < view.items.length; i++) {
    const word = view.wordAt(i);
    if (!inQuick(i) && (proofWords.has(word ?? "") || verifiedInferenceWords.has(word ?? ""))) verified.push(i);
  }
  const phrase = (from: number, to: number) =>
    view.items
      .slice(from, to + 1)
      .map((item) => item.text)
      .join(" ");
  if (quick.length > 0 && verified.length > 0) {
    return {
      ok: false,
      reason: `you asked for a quick, unproven answer ("${phrase(quick[0]!.from, quick[0]!.to)}") and for a proven one ("${phrase(verified[0]!, verified[0]!)}"): say which one.`,
    };
  }
  for (const span of quick) for (let i = span.from; i <= span.to; i++) view.use(i);
  for (const i of verified) view.use(i);
  if (quick.length > 0) return { ok: true, path: "quick", said: phrase(quick[0]!.from, quick[0]!.to) };
  return { ok: true, path: "verified", said: verified.length > 0 ? phrase(verified[0]!, verified[0]!) : undefined };
}
