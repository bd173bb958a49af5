import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module graph for all files: re-importing viem, LangChain, snarkjs and onnxruntime for every file cost
    // more than the tests themselves. No test mocks modules; env stubs are undone in afterAll.
    isolate: false,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    // Two shared cores: one file at a time keeps onnxruntime and training from competing.
    fileParallelism: false,
  },
});
