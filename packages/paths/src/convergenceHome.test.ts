import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { convergenceHome } from "./convergenceHome.ts";
import { workspaceRoot } from "./workspaceRoot.ts";

describe("convergenceHome", () => {
  it("is CONVERGENCE_HOME when set, resolved against the working directory and trimmed", () => {
    expect(convergenceHome({ env: { CONVERGENCE_HOME: "/tmp/conv" } })).toBe("/tmp/conv");
    expect(convergenceHome({ env: { CONVERGENCE_HOME: "rel/home" } })).toBe(resolve("rel/home"));
    expect(convergenceHome({ env: { CONVERGENCE_HOME: "  /tmp/conv \n" } })).toBe("/tmp/conv");
  });

  it("falls back to <workspace root>/.convergence when unset, empty or blank", () => {
    const fallback = join(workspaceRoot(), ".convergence");
    expect(convergenceHome({ env: {} })).toBe(fallback);
    expect(convergenceHome({ env: { CONVERGENCE_HOME: "" } })).toBe(fallback);
    expect(convergenceHome({ env: { CONVERGENCE_HOME: "   " } })).toBe(fallback);
  });

  it("reads process.env by default", () => {
    const previous = process.env.CONVERGENCE_HOME;
    try {
      process.env.CONVERGENCE_HOME = "/tmp/from-process-env";
      expect(convergenceHome()).toBe("/tmp/from-process-env");
    } finally {
      if (previous === undefined) delete process.env.CONVERGENCE_HOME;
      else process.env.CONVERGENCE_HOME = previous;
    }
  });
});
