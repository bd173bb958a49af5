import { defineConfig } from "vitest/config";

// End-to-end tests across packages, on a live local chain. Package tests run through turbo.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
