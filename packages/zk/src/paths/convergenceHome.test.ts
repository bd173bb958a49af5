import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { WorkspaceNotFoundError } from "../errors/paths.ts";
import { circuitsDir } from "./circuitsDir.ts";
import { convergenceHome } from "./convergenceHome.ts";
import { findWorkspaceRoot } from "./findWorkspaceRoot.ts";
import { zkCacheDir } from "./zkCacheDir.ts";

describe("convergenceHome / zkCacheDir / findWorkspaceRoot", () => {
  const previous = process.env["CONVERGENCE_HOME"];
  afterEach(() => {
    if (previous === undefined) delete process.env["CONVERGENCE_HOME"];
    else process.env["CONVERGENCE_HOME"] = previous;
  });

  it("defaults to <workspace root>/.convergence and honours CONVERGENCE_HOME", () => {
    delete process.env["CONVERGENCE_HOME"];
    const root = findWorkspaceRoot();
    expect(existsSync(join(root, "pnpm-workspace.yaml"))).toBe(true);
    expect(convergenceHome()).toBe(join(root, ".convergence"));
    expect(zkCacheDir({ key: "mlp_1_1_s8-abc" })).toBe(join(root, ".convergence", "zk", "mlp_1_1_s8-abc"));
    process.env["CONVERGENCE_HOME"] = "/tmp/elsewhere";
    expect(zkCacheDir()).toBe("/tmp/elsewhere/zk");
  });

  it("finds circuits/ from the package and fails clearly outside a workspace", () => {
    expect(existsSync(join(circuitsDir(), "lib", "fixedPoint.circom"))).toBe(true);
    expect(() => findWorkspaceRoot({ from: "/" })).toThrowError(WorkspaceNotFoundError);
  });
});
