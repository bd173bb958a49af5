import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module graph for all files: re-importing viem, LangChain, snarkjs and onnxruntime for every file cost
    // more than the tests themselves. No test mocks modules; env stubs are undone in afterAll.
    isolate: false,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    // Hooks may set up a circuit: on a fresh clone the zk cache is empty and loadModelPin's setupModel compiles
    // risk-v1's circuit and installs its published keys, which took over 10 s (vitest's default) in CI with other
    // packages' tests beside it. Same safety net as the root's hooks.
    hookTimeout: 600_000,
    // Two shared cores: one file at a time keeps onnxruntime and training from competing.
    fileParallelism: false,
  },
});
