import { defineConfig } from "vitest/config";

// Circuit compilation and setup are cached per shape; the first run after a clean checkout compiles
// and runs phase 2 once per shape, hence the long hook timeout.
export default defineConfig({
  test: {
    // One module graph for all files: re-importing viem, LangChain, snarkjs and onnxruntime for every file cost
    // more than the tests themselves. No test mocks modules; env stubs are undone in afterAll.
    isolate: false,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // 3x the slowest test measured on 2 cores under a load average of 12: 16-32-4 exactness over 100 inputs, 42 s.
    testTimeout: 180_000,
    hookTimeout: 600_000,
    // Files share the per-shape setup cache and two cores: run them one at a time.
    fileParallelism: false,
  },
});
