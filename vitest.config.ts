import { defineConfig } from "vitest/config";

// End-to-end tests across packages, on a live local chain. Package tests run through turbo.
// Two files at a time: each starts its own chain on a free port, works in its own temporary folders, and spends
// much of its time waiting on the processes it spawns (chain, CLI, worker); the shared zk cache is locked per circuit.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Timeouts are a safety net at least 3x the durations measured two files at a time on 2 cores under a load
    // average of 11 to 21 (`vitest --reporter=verbose`): the slowest tests under this default took 99 s
    // (worker faults, SIGKILL), 43 s, 32 s, 27 s. Slower files set their own (test/cli/modelAdd.test.ts); hooks start
    // a chain and a worker, whose first start may set up a circuit.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    maxWorkers: 2,
  },
});
