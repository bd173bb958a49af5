import { defineConfig } from "vitest/config";

// Unit tests only (test doubles of the chain); the facilitator on a live chain is tested in test/x402.
export default defineConfig({
  test: {
    testTimeout: 60_000,
  },
});
