import { defineConfig } from "vitest/config";

// The action tests share one real Hardhat node with the stack deployed (test/globalSetup.ts).
export default defineConfig({
  test: {
    // One module graph for all files: re-importing viem, LangChain, snarkjs and onnxruntime for every file cost
    // more than the tests themselves. No test mocks modules; env stubs are undone in afterAll.
    isolate: false,
    globalSetup: ["./test/globalSetup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
