import { defineConfig } from "vitest/config";

// The launcher tests start real worker processes on a real Hardhat node: seconds each, minutes on a busy machine.
export default defineConfig({
  test: {
    testTimeout: 400_000,
    hookTimeout: 120_000,
  },
});
