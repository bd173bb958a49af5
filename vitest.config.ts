import { defineConfig } from "vitest/config";

// End-to-end tests across packages, on a live local chain. Package tests run through turbo.
// Two files at a time: each starts its own chain on a free port, works in its own temporary folders, and spends
// much of its time waiting on the processes it spawns (chain, CLI, worker); the shared zk cache is locked per circuit.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
  },
});
