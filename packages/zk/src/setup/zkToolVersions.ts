import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

export type ZkToolVersionsReturnType = {
  snarkjs: string;
  circom2: string;
  circomlib: string;
  circomlibjs: string;
  solc: string;
};

function version(name: string): string {
  // Some exports maps hide package.json: walk up from the resolved entry to the package's own.
  let dir = dirname(require.resolve(name));
  for (;;) {
    const path = join(dir, "package.json");
    if (existsSync(path)) {
      const manifest = JSON.parse(readFileSync(path, "utf8")) as { name?: string; version: string };
      if (manifest.name === name) return manifest.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

/**
 * The versions of the zk toolchain this package runs (for `convergence doctor` and bug reports).
 *
 * @example
 * zkToolVersions() // { snarkjs: "0.7.6", circom2: "0.2.23", circomlib: "2.0.5", circomlibjs: "0.1.7", solc: "0.8.30" }
 */
export function zkToolVersions(): ZkToolVersionsReturnType {
  return {
    snarkjs: version("snarkjs"),
    circom2: version("circom2"),
    circomlib: version("circomlib"),
    circomlibjs: version("circomlibjs"),
    solc: version("solc"),
  };
}
