import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "../../test/createRandom.ts";
import { randomModel } from "../../test/randomModel.ts";
import { compileCircuit } from "../circuit/compileCircuit.ts";
import { modelShape } from "../mlp/modelShape.ts";
import { inspectZkCache } from "./inspectZkCache.ts";

describe("inspectZkCache", () => {
  let home: string;
  let previousHome: string | undefined;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "zk-inspect-"));
    previousHome = process.env["CONVERGENCE_HOME"];
    process.env["CONVERGENCE_HOME"] = home;
  });
  afterAll(async () => {
    if (previousHome === undefined) delete process.env["CONVERGENCE_HOME"];
    else process.env["CONVERGENCE_HOME"] = previousHome;
    await rm(home, { recursive: true, force: true });
  });

  it("lists compiled circuits, their setup state and broken entries", async () => {
    expect((await inspectZkCache()).entries).toEqual([]);
    const circuit = await compileCircuit({
      shape: modelShape({ model: randomModel({ widths: [2, 2, 1], scale: 3, random: createRandom(81n) }) }),
    });
    await mkdir(join(home, "zk", "broken-000000000000"));
    await writeFile(join(home, "zk", "broken-000000000000", "setup.json"), "{");
    const { entries } = await inspectZkCache();
    expect(entries.map((entry) => entry.key)).toEqual(["broken-000000000000", circuit.key]);
    expect(entries[1]).toMatchObject({ compiled: true, setUp: false, constraints: circuit.constraints, verifiers: [] });
    expect(entries[0]).toMatchObject({ compiled: false, setUp: false });
  });
});
