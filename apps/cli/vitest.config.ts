import { defineConfig } from "vitest/config";

// Command tests beside each command file; without this file vitest would pick up the root config.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
