import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { WorkspaceNotFoundError } from "./errors/workspace.ts";
import { workspaceRoot } from "./workspaceRoot.ts";

describe("workspaceRoot", () => {
  const scratch = mkdtempSync(join(tmpdir(), "convergence-paths-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("finds this checkout from the working directory or this module", () => {
    const root = workspaceRoot();
    expect(existsSync(join(root, "pnpm-workspace.yaml"))).toBe(true);
    expect(existsSync(join(root, "packages", "paths", "src", "workspaceRoot.ts"))).toBe(true);
  });

  it("answers the checkout this code lives in, even when run from inside another pnpm workspace", () => {
    const other = join(scratch, "someone-elses-workspace");
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, "pnpm-workspace.yaml"), "packages: []\n");
    const cwd = process.cwd();
    process.chdir(other);
    try {
      expect(workspaceRoot()).not.toBe(other);
      expect(existsSync(join(workspaceRoot(), "packages", "paths", "src", "workspaceRoot.ts"))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it("searches upward from a nested directory to the nearest pnpm-workspace.yaml", () => {
    const other = join(scratch, "other-checkout");
    const nested = join(other, "apps", "cli", "dist");
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(other, "pnpm-workspace.yaml"), "packages: []\n");
    expect(workspaceRoot({ from: nested })).toBe(other);
  });

  it("throws WorkspaceNotFoundError naming where it searched outside any workspace", () => {
    const outside = join(scratch, "outside");
    mkdirSync(outside, { recursive: true });
    expect(() => workspaceRoot({ from: "/" })).toThrowError(WorkspaceNotFoundError);
    expect(() => workspaceRoot({ from: outside })).toThrowError(`searched upward from ${outside}`);
  });
});
