import type { ClauseView } from "../createClauseView.ts";

export type ReadRecipientParameters = {
  view: ClauseView;
  /** What the value is for, in the refusal ("recipient", "account"). */
  role: string;
  /** Whether a step with no address or DID is fine (the agent's own account). */
  optional: boolean;
};
export type ReadRecipientReturnType = { ok: true; value: string | undefined } | { ok: false; reason: string };

/** did:ethr with an optional network (name or hex chain id) and a 20-byte address. */
export const didEthrPattern = /^did:ethr:(?:[a-z0-9]+:)?0x[0-9a-f]{40}$/i;

/**
 * Reads the one address (0x + 40 hex digits) or did:ethr DID of a step. A 0x value of another
 * length, a malformed DID or two candidates are refused with the reason.
 *
 * @example
 * readRecipient({ view, role: "recipient", optional: false }); // { ok: true, value: "0x7099..." }
 */
export function readRecipient({ view, role, optional }: ReadRecipientParameters): ReadRecipientReturnType {
  const found: { index: number; value: string }[] = [];
  for (let i = 0; i < view.items.length; i++) {
    const item = view.items[i]!;
    if (item.kind === "hex" || item.kind === "hash") {
      const digits = item.text.length - 2;
      return {
        ok: false,
        reason: `${item.text} is not an address: it has ${digits} hex digits, an address has 40.`,
      };
    }
    if (item.kind === "did") {
      if (!didEthrPattern.test(item.text)) {
        return {
          ok: false,
          reason: `${item.text} is not a did:ethr DID I can read: expected did:ethr:<network>:0x<40 hex digits>.`,
        };
      }
      found.push({ index: i, value: item.text });
    } else if (item.kind === "address") {
      found.push({ index: i, value: item.text });
    }
  }
  if (found.length > 1) {
    return { ok: false, reason: `more than one ${role} (${found.map((f) => f.value).join(", ")}): name one.` };
  }
  if (found.length === 0) {
    if (optional) return { ok: true, value: undefined };
    return { ok: false, reason: `no ${role}: give a 0x address (40 hex digits) or a did:ethr DID.` };
  }
  if (/^(did:ethr:(?:[a-z0-9]+:)?)?0x0{40}$/i.test(found[0]!.value)) {
    return { ok: false, reason: `the zero address cannot be a ${role}: tokens sent there are burnt.` };
  }
  view.use(found[0]!.index);
  return { ok: true, value: found[0]!.value };
}
