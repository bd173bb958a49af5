import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import { CircuitPackageInvalidError } from "@convergence/zk";
import { Command } from "commander";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { InvalidArgumentError, RpcUnreachableError } from "../errors.ts";
import { registerCircuitCommand } from "./circuit.ts";

let output = "";
beforeEach(() => {
  output = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

async function run(...args: string[]) {
  const program = new Command("convergence").exitOverride();
  registerCircuitCommand(program);
  await program.parseAsync(["node", "convergence", ...args]);
  return output;
}

// The refusals that need no chain: a package problem is named even when no node answers (the package is checked
// first); the live registrations are tested in test/worker/customCircuit.test.ts.
describe("convergence circuit add (before any chain access)", () => {
  const example = join(workspaceRoot(), "circuits", "examples", "linear-threshold");
  const noNode = "http://127.0.0.1:9";
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "circuit-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("names a directory that does not exist and a bad --name", async () => {
    await expect(run("circuit", "add", join(dir, "absent"), "--rpc", noNode)).rejects.toThrowError(
      InvalidArgumentError,
    );
    await expect(run("circuit", "add", example, "--name", "Bad Name", "--rpc", noNode)).rejects.toThrowError(/--name/);
  });

  it("refuses an invalid package before connecting, then names the unreachable node for a valid one", async () => {
    const copy = join(dir, "no-outputs");
    cpSync(example, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, "circuit.json"), "utf8"));
    manifest.numOutputs = 1;
    writeFileSync(join(copy, "circuit.json"), JSON.stringify(manifest));
    await expect(run("circuit", "add", copy, "--rpc", noNode, "--json")).rejects.toThrowError(
      CircuitPackageInvalidError,
    );
    await expect(run("circuit", "add", example, "--rpc", noNode, "--json")).rejects.toThrowError(RpcUnreachableError);
    expect(output).toBe("");
  });
});
