import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "../../test/createRandom.ts";
import { randomModel } from "../../test/randomModel.ts";
import { setupModel } from "./setupModel.ts";
import { terminateCurve } from "./terminateCurve.ts";
import { verifyContributionAttestations } from "./verifyContributionAttestations.ts";

describe("setupModel", () => {
  let home: string;
  let previousHome: string | undefined;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "zk-model-"));
    previousHome = process.env["CONVERGENCE_HOME"];
    process.env["CONVERGENCE_HOME"] = home;
  });
  afterAll(async () => {
    if (previousHome === undefined) delete process.env["CONVERGENCE_HOME"];
    else process.env["CONVERGENCE_HOME"] = previousHome;
    await rm(home, { recursive: true, force: true });
    await terminateCurve();
  });

  it("compiles, sets up and exports the named verifier; retrained weights of the same shape reuse it all", async () => {
    const verifiers = join(home, "verifiers");
    const model = randomModel({ widths: [3, 2, 1], scale: 5, random: createRandom(71n) });
    const first = await setupModel({ model, name: "tiny-v1", verifierDirs: [verifiers] });
    expect(first.verifier.contractName).toBe("TinyV1Verifier");
    expect(await readdir(verifiers)).toEqual(["TinyV1Verifier.sol"]);
    expect(first.setup.cached).toBe(false);
    const retrained = randomModel({ widths: [3, 2, 1], scale: 5, random: createRandom(72n) });
    const second = await setupModel({ model: retrained, name: "tiny-v1", verifierDirs: [verifiers] });
    expect(second.setup.cached).toBe(true);
    expect(second.circuit.key).toBe(first.circuit.key);
    expect(second.verifier.source).toBe(first.verifier.source);
  });

  it("passes the contributor to the setup: the key carries its signed contribution", async () => {
    const publisher = privateKeyToAccount(generatePrivateKey());
    const model = randomModel({ widths: [2, 2, 1], scale: 5, random: createRandom(73n) });
    const { setup } = await setupModel({
      model,
      name: "tiny-v2",
      contributor: publisher,
      verifierDirs: [join(home, "verifiers-2")],
    });
    expect(setup.record.attestations.map((a) => a.contributor)).toEqual([publisher.address]);
    expect(
      await verifyContributionAttestations({
        zkey: setup.zkey,
        attestations: setup.record.attestations,
        circuitKey: setup.record.key,
      }),
    ).toEqual([publisher.address]);
  });
});
