import { describe, expect, it } from "vitest";
import { resolveConvergenceHome } from "./resolveConvergenceHome.ts";

describe("resolveConvergenceHome", () => {
  it("uses CONVERGENCE_HOME when set", () => {
    expect(resolveConvergenceHome({ env: { CONVERGENCE_HOME: "/tmp/conv" } })).toBe("/tmp/conv");
  });
  it("defaults to .convergence at the workspace root", () => {
    expect(resolveConvergenceHome({ env: {} }).replaceAll("\\", "/")).toMatch(/\/\.convergence$/);
    expect(resolveConvergenceHome({ env: { CONVERGENCE_HOME: "  " } })).toMatch(/\.convergence$/);
  });
});
