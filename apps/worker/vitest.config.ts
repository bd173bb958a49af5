import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module graph for all files: re-importing viem, LangChain, snarkjs and onnxruntime for every file cost
    // more than the tests themselves. No test mocks modules; env stubs are undone in afterAll.
    isolate: false,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two shared cores: the prover-pool and inference tests run one file at a time.
    fileParallelism: false,
  },
});
