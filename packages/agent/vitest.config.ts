import { defineConfig } from "vitest/config";

// Package tests sit beside their files (src/**) and in test/ (corpora, agent loop, providers).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
