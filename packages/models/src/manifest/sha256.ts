import { createHash } from "node:crypto";

/**
 * The SHA-256 of some bytes as 64 lowercase hex digits, as model manifests record file hashes.
 *
 * @example
 * sha256({ bytes: new Uint8Array() }) // "e3b0c442..."
 */
export function sha256({ bytes }: { bytes: Uint8Array }): string {
  return createHash("sha256").update(bytes).digest("hex");
}
