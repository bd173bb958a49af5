import { defineConfig } from "vitest/config";

// The action tests share one real Hardhat node with the stack deployed (test/globalSetup.ts).
export default defineConfig({
  test: {
    globalSetup: ["./test/globalSetup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
