import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { curves, powersOfTau, zKey } from "snarkjs";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "../../test/createRandom.ts";
import { randomModel } from "../../test/randomModel.ts";
import { type CompiledCircuit, compileCircuit } from "../circuit/compileCircuit.ts";
import { PtauTooSmallError, ZkeyWithoutContributionError } from "../errors/setup.ts";
import { modelShape } from "../mlp/modelShape.ts";
import { prove } from "../proof/prove.ts";
import { assertZkeyContributed } from "./assertZkeyContributed.ts";
import type { ProgressEvent } from "./createProgress.ts";
import { devPtauPath } from "./devPtauPath.ts";
import { loadSetup } from "./loadSetup.ts";
import { readZkeyInfo } from "./readZkeyInfo.ts";
import { setupCircuit } from "./setupCircuit.ts";
import { terminateCurve } from "./terminateCurve.ts";

describe("setupCircuit", () => {
  const model = randomModel({ widths: [2, 3, 1], scale: 4, random: createRandom(61n) });
  let home: string;
  let previousHome: string | undefined;
  let circuit: CompiledCircuit;

  beforeAll(async () => {
    // A private zk cache: this test runs phase 2 from scratch and then breaks the key on purpose.
    home = await mkdtemp(join(tmpdir(), "zk-home-"));
    previousHome = process.env["CONVERGENCE_HOME"];
    process.env["CONVERGENCE_HOME"] = home;
    circuit = await compileCircuit({ shape: modelShape({ model }) });
  });
  afterAll(async () => {
    if (previousHome === undefined) delete process.env["CONVERGENCE_HOME"];
    else process.env["CONVERGENCE_HOME"] = previousHome;
    await rm(home, { recursive: true, force: true });
    await terminateCurve();
  });

  it("runs phase 2 with a contribution and a beacon, reporting progress, then reuses it", async () => {
    const events: ProgressEvent[] = [];
    const setup = await setupCircuit({ circuit, onProgress: (event) => events.push(event) });
    const messages = events.map((event) => event.message).join("\n");
    expect(messages).toMatch(/phase 1 development ceremony \(2\^14\)/);
    expect(messages).toMatch(/phase 2: new key/);
    expect(messages).toMatch(/phase 2: contribution/);
    expect(messages).toMatch(/phase 2: beacon/);
    expect(messages).toMatch(/setup done in/);
    expect(events.every((event, i) => i === 0 || event.elapsedMs >= (events[i - 1] as ProgressEvent).elapsedMs)).toBe(
      true,
    );
    expect(setup.cached).toBe(false);
    expect(setup.record.contributions).toBe(2);
    expect(setup.record.ptau.development).toBe(true);
    expect(setup.verificationKey.nPublic).toBe(4);
    expect(setup.zkey.startsWith(home)).toBe(true);
    const info = await readZkeyInfo({ path: setup.zkey });
    expect(info).toMatchObject({ protocol: "groth16", nPublic: 4, contributions: 2, deltaUnchanged: false });

    const again = await setupCircuit({ circuit });
    expect(again.cached).toBe(true);
    expect(again.verificationKey).toEqual(setup.verificationKey);
  });

  it("reads records written before attestations as unattributed; a contributor gets a key it signed", async () => {
    const unsigned = await setupCircuit({ circuit });
    const recordPath = join(circuit.dir, "setup.json");
    const { attestations: _, ...old } = unsigned.record;
    await writeFile(recordPath, `${JSON.stringify(old, null, 2)}\n`);
    const cached = await setupCircuit({ circuit });
    expect(cached.cached).toBe(true);
    expect(cached.record.attestations).toEqual([]);
    expect((await loadSetup({ circuit })).record.attestations).toEqual([]);

    const publisher = privateKeyToAccount(generatePrivateKey());
    const signed = await setupCircuit({ circuit, contributor: publisher });
    expect(signed.cached).toBe(false);
    expect(signed.record.attestations.map((a) => a.contributor)).toEqual([publisher.address]);
    expect(signed.verificationKey).not.toEqual(unsigned.verificationKey);
    const again = await setupCircuit({ circuit, contributor: publisher });
    expect(again.cached).toBe(true);
    expect(again.verificationKey).toEqual(signed.verificationKey);
    // Without a contributor the cached key is taken as it is, signed or not.
    expect((await setupCircuit({ circuit })).verificationKey).toEqual(signed.verificationKey);
  });

  it("refuses a proving key with no phase-2 contribution, in setup and in prove", async () => {
    const plain = join(home, "plain.zkey");
    await zKey.newZKey(circuit.r1cs, devPtauPath(), plain);
    await terminateCurve();
    expect(await readZkeyInfo({ path: plain })).toMatchObject({ contributions: 0, deltaUnchanged: true });
    await expect(assertZkeyContributed({ path: plain })).rejects.toThrowError(ZkeyWithoutContributionError);
    await expect(assertZkeyContributed({ path: plain })).rejects.toThrowError(/anyone can forge proofs/);
    // Dropped into the cache in place of the real key, it is refused before any proof is made.
    await copyFile(plain, join(circuit.dir, "circuit_final.zkey"));
    await expect(setupCircuit({ circuit })).rejects.toThrowError(ZkeyWithoutContributionError);
    await expect(prove({ model, input: [1n, -1n] })).rejects.toThrowError(ZkeyWithoutContributionError);
  });

  it("refuses a ptau too small for the circuit, naming the power needed", async () => {
    const curve = await curves.getCurveFromName("bn128");
    const raw = join(home, "pot6.ptau");
    const prepared = join(home, "pot6_prepared.ptau");
    await powersOfTau.newAccumulator(curve, 6, raw);
    await powersOfTau.preparePhase2(raw, prepared);
    await terminateCurve();
    await expect(setupCircuit({ circuit, ptau: prepared, force: true })).rejects.toThrowError(PtauTooSmallError);
    await expect(setupCircuit({ circuit, ptau: prepared, force: true })).rejects.toThrowError(
      /holds 2\^6 powers; this circuit needs 2\^/,
    );
  });
});
