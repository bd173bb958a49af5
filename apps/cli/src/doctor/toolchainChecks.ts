import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { workspaceRoot } from "@convergence/paths";
import type { DoctorCheck } from "./types.ts";

const require = createRequire(join(workspaceRoot(), "package.json"));
/** A dependency's version, found from its entry point (some packages do not export package.json). */
function versionOf(name: string, from = require): string {
  let dir = dirname(from.resolve(name));
  while (dir !== dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version: string };
      if (manifest.name === name) return manifest.version;
    }
    dir = dirname(dir);
  }
  return "unknown";
}

/** Node, the pinned compiler and the native runtime: what every other command stands on. */
export async function toolchainChecks(): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  checks.push(
    major > 22 || (major === 22 && minor >= 18)
      ? { name: "node", status: "ok", detail: `Node ${process.version}` }
      : {
          name: "node",
          status: "fail",
          detail: `Node ${process.version}; the CLI's launcher needs >= 22.18 (it runs TypeScript directly), Hardhat 3 >= 22.13`,
          fix: "Run commands through pnpm (`pnpm convergence ...`): pnpm scripts use the pinned Node 22 from node_modules.",
        },
  );

  const hre = (await import("hardhat")).default;
  const configured = hre.config.solidity.profiles.default?.compilers.map((c) => c.version) ?? [];
  const solc = versionOf("solc");
  checks.push(
    configured.every((version) => version === solc)
      ? { name: "solc", status: "ok", detail: `npm solc ${solc} = hardhat.config.ts solidity version (offline)` }
      : {
          name: "solc",
          status: "fail",
          detail: `npm solc is ${solc} but hardhat.config.ts compiles with ${configured.join(", ")}`,
          fix: "Pin the root devDependency `solc` to the version in hardhat.config.ts (Hardhat cannot download compilers here).",
        },
  );

  try {
    // onnxruntime-node belongs to @convergence/models; load it from there.
    const modelsRequire = createRequire(join(workspaceRoot(), "packages", "models", "package.json"));
    const ort = await import(pathToFileURL(modelsRequire.resolve("onnxruntime-node")).href);
    checks.push({
      name: "onnxruntime",
      status: "ok",
      detail: `onnxruntime-node ${versionOf("onnxruntime-node", modelsRequire)} CPU backend loaded (${Object.keys(ort).length} exports)`,
    });
  } catch (error) {
    checks.push({
      name: "onnxruntime",
      status: "fail",
      detail: `onnxruntime-node does not load: ${(error as Error).message.split("\n")[0]}`,
      fix: "Reinstall with `pnpm install` (its install script must stay disabled; the CPU binaries ship in the package).",
    });
  }
  checks.push({
    name: "versions",
    status: "ok",
    detail: ["hardhat", "viem"].map((n) => `${n} ${versionOf(n)}`).join(", "),
  });
  return checks;
}
