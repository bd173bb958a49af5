import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import { describe, expect, it } from "vitest";
import { circuitPackageRegistrationRecord } from "./circuitPackageRegistrationRecord.ts";
import { loadCircuitPackage } from "./loadCircuitPackage.ts";

describe("circuitPackageRegistrationRecord", () => {
  it("registers a package with its parameters' commitment, its outputs and its input builder's hash", async () => {
    const pkg = await loadCircuitPackage({ dir: join(workspaceRoot(), "circuits", "examples", "linear-threshold") });
    const record = await circuitPackageRegistrationRecord({ pkg });
    const builder = await readFile(pkg.files.inputBuilder);
    expect(record).toEqual({
      commitment: pkg.modelCommitment,
      numOutputs: pkg.manifest.numOutputs,
      onnxHash: `0x${createHash("sha256").update(builder).digest("hex")}`,
      uri: `convergence:circuit/linear-threshold@${pkg.manifest.version}`,
    });
  });
});
