import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/**
 * The sha256 of a file, streamed, as lowercase hex.
 *
 * @example
 * await sha256File({ path: devPtauPath() })
 */
export async function sha256File({ path }: { path: string }): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
