import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const browserEntry = (pkg: string) => fileURLToPath(new URL(`../../packages/${pkg}/src/browser.ts`, import.meta.url));

// The workspace packages' Node entries read files (deployments, zk cache); the page gets their browser-safe entries,
// the same functions without node: modules (tsconfig.json maps the same names for the typecheck).

const builtins = new Set(builtinModules);

/** Fails the build when the page's own code or a workspace package imports a Node built-in (vite would stub it). */
function noNodeBuiltins(): Plugin {
  return {
    name: "convergence:no-node-builtins",
    enforce: "pre",
    resolveId(id, importer) {
      if (!importer || importer.includes("/node_modules/")) return null;
      if (id.startsWith("node:") || builtins.has(id)) {
        this.error(
          `${importer} imports the Node built-in "${id}", which a browser does not have: use a browser-safe entry`,
        );
      }
      return null;
    },
  };
}

export default defineConfig({
  plugins: [noNodeBuiltins(), react()],
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
