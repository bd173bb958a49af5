import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const browserEntry = (pkg: string) => fileURLToPath(new URL(`../../packages/${pkg}/src/browser.ts`, import.meta.url));

// The workspace packages' Node entries read files (deployments, zk cache); the page gets their browser-safe entries,
// the same functions without node: modules (tsconfig.json maps the same names, so the typecheck holds it too).
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@convergence\/contracts$/, replacement: browserEntry("contracts") },
      { find: /^@convergence\/sdk$/, replacement: browserEntry("sdk") },
      { find: /^@convergence\/zk$/, replacement: browserEntry("zk") },
    ],
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // snarkjs (bn128 in WebAssembly) is one large chunk, loaded only on the proof page.
    chunkSizeWarningLimit: 2500,
  },
});
