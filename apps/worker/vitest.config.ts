import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module graph for all files: re-importing viem, LangChain, snarkjs and onnxruntime for every file cost
    // more than the tests themselves. No test mocks modules; env stubs are undone in afterAll.
    isolate: false,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // 3x the slowest test measured on 2 cores under a load average of 11 to 14: a proof in the prover pool, 29 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two shared cores: the prover-pool and inference tests run one file at a time.
    fileParallelism: false,
  },
});
