import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitModel } from "../commitment/commitModel.ts";
import { CircuitPackageInvalidError, InputBuilderError } from "../errors/circuitPackage.ts";
import { circuitsDir } from "../paths/circuitsDir.ts";
import { loadCircuitPackage } from "./loadCircuitPackage.ts";

const example = join(circuitsDir(), "examples", "linear-threshold");

describe("loadCircuitPackage", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "circuit-package-"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  /** A copy of the example with one file changed. */
  const variant = async (name: string, change: (files: Record<string, string>) => void): Promise<string> => {
    const dir = join(scratch, name);
    await cp(example, dir, { recursive: true });
    const files: Record<string, string> = {};
    for (const file of ["circuit.json", "input.ts", "parameters.json", "linearThreshold.circom"]) {
      files[file] = await readFile(join(dir, file), "utf8");
    }
    change(files);
    for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
    return dir;
  };
  const editManifest = (edit: (manifest: Record<string, unknown>) => void) => (files: Record<string, string>) => {
    const manifest = JSON.parse(files["circuit.json"] as string) as Record<string, unknown>;
    edit(manifest);
    files["circuit.json"] = JSON.stringify(manifest);
  };

  it("loads the example: manifest, parameters in file order, their commitment, the input builder", async () => {
    const pkg = await loadCircuitPackage({ dir: example });
    expect(pkg.manifest.name).toBe("linear-threshold");
    expect(pkg.manifest.publicSignals).toEqual(["modelCommitment", "inputCommitment", "binding", "score", "decision"]);
    expect(pkg.parameterValues).toEqual([420n, -310n, 128n, 0n, -77n, 256n, 15n, -500n, 64n, 100n]);
    // The same packed sponge as an MLP's commitment over the same values.
    const values = pkg.parameterValues;
    const asMlp = { scale: 8, layers: [{ weights: [values.slice(0, -1)], bias: values.slice(-1), relu: false }] };
    expect(pkg.modelCommitment).toBe(await commitModel({ model: asMlp }));
    const { outputs } = pkg.buildInput({
      input: [256n, 0n, 0n, 0n, 0n, 0n, 0n, 0n],
      salt: 1n,
      binding: 0n,
      parameters: pkg.parameters,
    });
    expect(outputs).toEqual([420n + 64n, 1n]);
  });

  it("refuses a manifest without the binding role, naming it and the supported layout", async () => {
    const dir = await variant(
      "no-binding",
      editManifest((manifest) => {
        delete (manifest.roles as Record<string, unknown>).binding;
      }),
    );
    const error = await loadCircuitPackage({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitPackageInvalidError);
    expect((error as Error).message).toMatch(/circuit\.json\.roles\.binding/);
    expect((error as Error).message).toMatch(/modelCommitment, inputCommitment, binding, then the outputs/);
  });

  it("refuses public signals out of the attestor's order", async () => {
    const dir = await variant(
      "order",
      editManifest((manifest) => {
        manifest.publicSignals = ["binding", "modelCommitment", "inputCommitment", "score", "decision"];
      }),
    );
    await expect(loadCircuitPackage({ dir })).rejects.toThrow(
      /publicSignals: must be \[roles.modelCommitment, roles.inputCommitment, roles.binding, \.\.\.outputs\] = \[modelCommitment, inputCommitment, binding, score, decision\], found \[binding, modelCommitment/,
    );
  });

  it("refuses numOutputs that disagree with the outputs", async () => {
    const dir = await variant(
      "outputs",
      editManifest((manifest) => {
        manifest.numOutputs = 3;
      }),
    );
    await expect(loadCircuitPackage({ dir })).rejects.toThrow(/numOutputs is 3 but outputs names 2/);
  });

  it("refuses an input.ts without the buildInput export, listing what it exports", async () => {
    const dir = await variant("no-export", (files) => {
      files["input.ts"] = (files["input.ts"] as string).replace(
        "export function buildInput(",
        "export function build(",
      );
    });
    const error = await loadCircuitPackage({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputBuilderError);
    expect((error as Error).message).toMatch(/exports no function named buildInput \(exports found: build\)/);
  });

  it("refuses a template the main component does not use, a missing file and out-of-range parameters", async () => {
    const template = await variant(
      "template",
      editManifest((manifest) => {
        manifest.template = "Other";
      }),
    );
    await expect(loadCircuitPackage({ dir: template })).rejects.toThrow(
      /template is Other but linearThreshold.circom's main component is LinearThreshold/,
    );
    const missing = await variant(
      "missing",
      editManifest((manifest) => {
        manifest.parameters = "weights.json";
      }),
    );
    await expect(loadCircuitPackage({ dir: missing })).rejects.toThrow(/weights.json does not exist in the package/);
    const range = await variant("range", (files) => {
      files["parameters.json"] = JSON.stringify({ weights: [1, 2, 3, 4, 5, 6, 7, 40000], bias: 0, threshold: 0 });
    });
    await expect(loadCircuitPackage({ dir: range })).rejects.toThrow(/parameter\[7\]/);
    await expect(loadCircuitPackage({ dir: join(scratch, "absent") })).rejects.toThrow(/does not exist/);
  });
});
