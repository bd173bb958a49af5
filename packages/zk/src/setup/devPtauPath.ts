import { join } from "node:path";
import { circuitsDir } from "../paths/circuitsDir.ts";
import { DEV_PTAU_POWER } from "./constants.ts";

/**
 * The path of the committed development ptau (circuits/ptau/README.md).
 *
 * @example
 * devPtauPath() // ".../circuits/ptau/convergence-dev-pot14.ptau"
 */
export function devPtauPath(): string {
  return join(circuitsDir(), "ptau", `convergence-dev-pot${DEV_PTAU_POWER}.ptau`);
}
