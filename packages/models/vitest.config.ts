import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    // Two shared cores: one file at a time keeps onnxruntime and training from competing.
    fileParallelism: false,
  },
});
