import { defineConfig } from "vitest/config";

// Package tests sit beside their files (src/**) and in test/ (corpora, agent loop, providers).
export default defineConfig({
  test: {
    // One module graph for all files: re-importing viem, LangChain, snarkjs and onnxruntime for every file cost
    // more than the tests themselves. No test mocks modules; env stubs are undone in afterAll.
    isolate: false,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    // readMarketState.test.ts starts a Hardhat node and deploys the stack in beforeAll: several seconds under CI's
    // load, near vitest's 10 s default; the same safety net as the sdk's and the worker's hooks.
    hookTimeout: 120_000,
  },
});
