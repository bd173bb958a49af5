import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  commitModel,
  modelPinFromSetup,
  prove,
  quantizeValue,
  readSetupRecord,
  type SetupModelReturnType,
  setupModel,
  sha256File,
  terminateCurve,
  verify,
  verifySetup,
} from "@convergence/zk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoadModelReturnType, loadModel } from "../src/manifest/loadModel.ts";

// risk-v1's published keys, as a newcomer gets them: installed into an empty zk cache, proving, verifying.
describe("risk-v1's published keys", () => {
  let home: string;
  let previousHome: string | undefined;
  let loaded: LoadModelReturnType;
  let installed: SetupModelReturnType;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "models-published-"));
    previousHome = process.env["CONVERGENCE_HOME"];
    process.env["CONVERGENCE_HOME"] = home;
    loaded = await loadModel({ name: "risk-v1" });
    const published = loaded.publishedKeys;
    if (published === undefined) throw new Error("risk-v1's manifest pins no published keys");
    installed = await setupModel({
      model: loaded.quantized,
      name: "risk-v1",
      published,
      verifierDirs: [join(home, "verifiers")],
    });
    // A cold compile of the 8-16-3 circuit and the install: 9 s measured, 20 s under load; 120 s is the safety net.
  }, 120_000);
  afterAll(async () => {
    if (previousHome === undefined) delete process.env["CONVERGENCE_HOME"];
    else process.env["CONVERGENCE_HOME"] = previousHome;
    await rm(home, { recursive: true, force: true });
    await terminateCurve();
  });

  it("loadModel points at the committed keys and their pins", () => {
    expect(loaded.publishedKeys).toEqual({
      dir: join(loaded.directory, "keys"),
      zkeySha256: loaded.manifest.keys?.zkeySha256,
      vkeyHash: loaded.manifest.keys?.vkeyHash,
    });
  });

  it("setupModel installs them with no phase 2, and they prove and verify risk-v1", async () => {
    expect(installed.setup.cached).toBe(false);
    expect(installed.setup.record.published).toBe(true);
    expect(installed.setup.zkey.startsWith(home)).toBe(true);
    expect(await sha256File({ path: installed.setup.zkey })).toBe(loaded.manifest.keys?.zkeySha256);
    expect(`0x${await sha256File({ path: installed.setup.verificationKeyPath })}`).toBe(loaded.manifest.keys?.vkeyHash);
    const input = [0.5, -1, 0.2, 1.5, -0.3, 0, 2, -2].map((value) => quantizeValue({ value, scale: 8 }));
    const proof = await prove({ model: loaded.quantized, input, binding: 7n });
    const modelCommitment = BigInt(loaded.manifest.commitments.model);
    expect(proof.modelCommitment).toBe(modelCommitment);
    expect(
      await verify({
        proof: proof.proof,
        publicSignals: proof.publicSignals,
        verificationKey: installed.setup.verificationKey,
        expected: { modelCommitment, binding: 7n },
      }),
    ).toBe(true);
  });

  it("verifySetup says the published key is valid for risk-v1's circuit and lists the release contributor", async () => {
    const record = await readSetupRecord({ path: join(loaded.directory, "keys", "setup.json") });
    const [release] = record.attestations.map((a) => a.contributor);
    expect(release).toMatch(/^0x[0-9a-fA-F]{40}$/);
    const result = await verifySetup({
      zkey: join(loaded.directory, "keys", "circuit_final.zkey"),
      r1cs: installed.circuit.r1cs,
      attestations: record.attestations,
    });
    expect(result.valid).toBe(true);
    expect(result.contributions.map((c) => [c.type, c.contributor])).toEqual([
      ["contribution", release],
      ["beacon", undefined],
    ]);
    const pin = await modelPinFromSetup({
      setup: installed.setup,
      commitment: await commitModel({ model: loaded.quantized }),
    });
    expect(pin.contributors).toEqual([release]);
    expect(pin.commitment).toBe(BigInt(loaded.manifest.commitments.model));
  }, 240_000);
});
