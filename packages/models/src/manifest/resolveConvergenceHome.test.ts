import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConvergenceHome } from "./resolveConvergenceHome.ts";

describe("resolveConvergenceHome", () => {
  it("uses CONVERGENCE_HOME when set, resolved to an absolute path", () => {
    expect(resolveConvergenceHome({ env: { CONVERGENCE_HOME: "/tmp/conv" } })).toBe("/tmp/conv");
    expect(resolveConvergenceHome({ env: { CONVERGENCE_HOME: "rel/home" } })).toBe(resolve("rel/home"));
  });

  it("defaults to .convergence at the workspace root, also when CONVERGENCE_HOME is empty", () => {
    const home = resolveConvergenceHome({ env: {} });
    expect(home.endsWith("/.convergence")).toBe(true);
    expect(existsSync(join(dirname(home), "pnpm-workspace.yaml"))).toBe(true);
    expect(resolveConvergenceHome({ env: { CONVERGENCE_HOME: "" } })).toBe(home);
  });
});
