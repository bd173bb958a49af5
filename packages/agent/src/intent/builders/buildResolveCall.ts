import type { ClauseView } from "../createClauseView.ts";
import type { BuildResult } from "../types.ts";
import { didEthrPattern } from "./readRecipient.ts";

export type BuildResolveCallParameters = { view: ClauseView; verbIndex: number };

/**
 * Builds `resolve_did`: "resolve did:ethr:0x7a69:0x...", "look up did:ethr:...", "show the DID
 * document of did:ethr:...". The DID must be a well-formed did:ethr.
 *
 * @example
 * buildResolveCall({ view, verbIndex: 0 }); // resolve_did { did: "did:ethr:0x7a69:0x3C44..." }
 */
export function buildResolveCall({ view, verbIndex }: BuildResolveCallParameters): BuildResult {
  if (verbIndex >= 0) view.use(verbIndex);
  // "look up".
  if (view.wordAt(verbIndex) === "look" && view.wordAt(verbIndex + 1) === "up") view.use(verbIndex + 1);
  const dids = view.items.flatMap((x, i) => (x.kind === "did" ? [i] : []));
  if (dids.length === 0) {
    const address = view.items.find((x) => x.kind === "address");
    return {
      ok: false,
      reason: address
        ? `give the full DID to resolve, e.g. did:ethr:0x7a69:${address.text}.`
        : "no DID to resolve: give one such as did:ethr:0x7a69:0x<40 hex digits>.",
    };
  }
  if (dids.length > 1) return { ok: false, reason: "more than one DID: resolve one per step." };
  const did = view.items[dids[0]!]!.text;
  if (!didEthrPattern.test(did)) {
    return {
      ok: false,
      reason: `${did} is not a did:ethr DID I can read: expected did:ethr:<network>:0x<40 hex digits>.`,
    };
  }
  view.use(dids[0]!);
  return { ok: true, call: { name: "resolve_did", args: { did } } };
}
