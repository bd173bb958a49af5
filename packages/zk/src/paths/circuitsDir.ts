import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository's `circuits/` directory (Circom library, registry, committed ptau), found from this
 * package's location so it works from any working directory.
 *
 * @example
 * join(circuitsDir(), "lib", "fixedPoint.circom")
 */
export function circuitsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "circuits");
}
