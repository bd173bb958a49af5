import { join } from "node:path";
import { convergenceHome } from "@convergence/paths";

export type ZkCacheDirParameters = {
  /** A circuit's cache key (see `compileCircuit`); omit for the root of the zk cache. */
  key?: string;
};

/**
 * The cache directory of the zk artifacts: `$CONVERGENCE_HOME/zk/<key>/` holds a circuit's generated
 * main, r1cs, wasm, sym, zkey, verification key and Solidity verifier.
 *
 * @example
 * zkCacheDir({ key: "mlp_8_16_3_s8-1f2e3d4c5b6a" })
 */
export function zkCacheDir({ key }: ZkCacheDirParameters = {}): string {
  return key === undefined ? join(convergenceHome(), "zk") : join(convergenceHome(), "zk", key);
}
