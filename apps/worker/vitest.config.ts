import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two shared cores: the prover-pool and inference tests run one file at a time.
    fileParallelism: false,
  },
});
