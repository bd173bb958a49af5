import { createRequire } from "node:module";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

// Hardhat downloads solc by default, which fails offline: compile with the npm `solc` package
// instead. Its version must equal `version` below (a test checks this).
const SOLC_VERSION = "0.8.30";

export default defineConfig({
  plugins: [hardhatViem],
  solidity: {
    profiles: {
      default: {
        version: SOLC_VERSION,
        path: require.resolve("solc/soljson.js"),
        settings: {
          evmVersion: "cancun",
          optimizer: { enabled: true, runs: 10_000 },
        },
      },
    },
  },
  paths: {
    sources: "contracts",
    tests: { solidity: "contracts/test" },
  },
  networks: {
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env.CONVERGENCE_RPC_URL ?? "http://127.0.0.1:8545",
    },
  },
});
