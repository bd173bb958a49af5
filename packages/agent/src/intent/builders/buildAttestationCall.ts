import type { ClauseView } from "../createClauseView.ts";
import type { BuildResult } from "../types.ts";

export type BuildAttestationCallParameters = { view: ClauseView; verbIndex: number };

/**
 * Builds `get_attestation` from "show attestation 0x<64 hex digits>": the id is 32 bytes; any other
 * length is refused.
 *
 * @example
 * buildAttestationCall({ view, verbIndex: 1 }); // get_attestation { id: "0x00...01" }
 */
export function buildAttestationCall({ view, verbIndex }: BuildAttestationCallParameters): BuildResult {
  view.use(verbIndex);
  const ids = view.items.flatMap((x, i) => (x.kind === "hash" || x.kind === "hex" || x.kind === "address" ? [i] : []));
  if (ids.length === 0) return { ok: false, reason: "no attestation id: give the 0x id (64 hex digits)." };
  if (ids.length > 1) return { ok: false, reason: "more than one attestation id: show one per step." };
  const item = view.items[ids[0]!]!;
  if (item.kind !== "hash") {
    return {
      ok: false,
      reason: `${item.text} is not an attestation id: it has ${item.text.length - 2} hex digits, an id has 64.`,
    };
  }
  view.use(ids[0]!);
  return { ok: true, call: { name: "get_attestation", args: { id: item.text } } };
}
