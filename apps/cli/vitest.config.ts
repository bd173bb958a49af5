import { defineConfig } from "vitest/config";

// Command tests beside each command file; without this file vitest would pick up the root config.
export default defineConfig({
  test: {
    // One module graph for all files: re-importing viem, LangChain, snarkjs and onnxruntime for every file cost
    // more than the tests themselves. No test mocks modules; env stubs are undone in afterAll.
    isolate: false,
    include: ["src/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
