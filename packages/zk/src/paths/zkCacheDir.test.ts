import { existsSync } from "node:fs";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import { afterEach, describe, expect, it } from "vitest";
import { circuitsDir } from "./circuitsDir.ts";
import { zkCacheDir } from "./zkCacheDir.ts";

describe("zkCacheDir / circuitsDir", () => {
  const previous = process.env["CONVERGENCE_HOME"];
  afterEach(() => {
    if (previous === undefined) delete process.env["CONVERGENCE_HOME"];
    else process.env["CONVERGENCE_HOME"] = previous;
  });

  it("puts the zk cache under CONVERGENCE_HOME, else <workspace root>/.convergence", () => {
    delete process.env["CONVERGENCE_HOME"];
    const root = workspaceRoot();
    expect(zkCacheDir({ key: "mlp_1_1_s8-abc" })).toBe(join(root, ".convergence", "zk", "mlp_1_1_s8-abc"));
    process.env["CONVERGENCE_HOME"] = "/tmp/elsewhere";
    expect(zkCacheDir()).toBe("/tmp/elsewhere/zk");
  });

  it("finds circuits/ at the repository root", () => {
    expect(existsSync(join(circuitsDir(), "lib", "fixedPoint.circom"))).toBe(true);
  });
});
