import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { tinyCircuit, tinyModel } from "../../test/tinyCircuit.ts";
import {
  PublishedKeyCircuitMismatchError,
  PublishedKeyHashMismatchError,
  PublishedKeyInstalledError,
  PublishedKeysMissingError,
} from "../errors/setup.ts";
import { prove } from "../proof/prove.ts";
import { verify } from "../proof/verify.ts";
import type { ProgressEvent } from "./createProgress.ts";
import type { PublishedKeys } from "./installPublishedKeys.ts";
import { setupCircuit } from "./setupCircuit.ts";
import { setupModel } from "./setupModel.ts";
import { sha256File } from "./sha256File.ts";
import { terminateCurve } from "./terminateCurve.ts";
import { verifyContributionAttestations } from "./verifyContributionAttestations.ts";

describe("setupModel with published keys", () => {
  const release = privateKeyToAccount(generatePrivateKey());
  const model = tinyModel();
  let root: string;
  let published: PublishedKeys;
  let previousHome: string | undefined;
  const useHome = async (name: string) => {
    const home = join(root, name);
    process.env["CONVERGENCE_HOME"] = home;
    return home;
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "zk-published-"));
    previousHome = process.env["CONVERGENCE_HOME"];
    // The publisher's machine makes the keys; the folder it publishes is all a newcomer gets.
    await useHome("publisher");
    const setup = await setupCircuit({ circuit: await tinyCircuit(), contributor: release });
    const dir = join(root, "keys");
    await cp(setup.zkey, join(dir, "circuit_final.zkey"));
    await cp(setup.verificationKeyPath, join(dir, "verification_key.json"));
    await cp(join(setup.zkey, "..", "setup.json"), join(dir, "setup.json"));
    published = {
      dir,
      zkeySha256: await sha256File({ path: setup.zkey }),
      vkeyHash: `0x${await sha256File({ path: setup.verificationKeyPath })}` as Hex,
    };
  });
  afterEach(() => {
    process.env["CONVERGENCE_HOME"] = join(root, "publisher");
  });
  afterAll(async () => {
    if (previousHome === undefined) delete process.env["CONVERGENCE_HOME"];
    else process.env["CONVERGENCE_HOME"] = previousHome;
    await rm(root, { recursive: true, force: true });
    await terminateCurve();
  });

  it("installs the published key instead of running phase 2; it proves, and setup never replaces it", async () => {
    await useHome("newcomer");
    const events: ProgressEvent[] = [];
    const verifierDir = join(root, "verifiers");
    const first = await setupModel({
      model,
      name: "tiny-v1",
      published,
      verifierDirs: [verifierDir],
      onProgress: (event) => events.push(event),
    });
    const messages = events.map((e) => e.message).join("\n");
    expect(messages).toMatch(/installed the published key/);
    expect(messages).not.toMatch(/phase 2: new key/);
    expect(first.setup.cached).toBe(false);
    expect(first.setup.record.published).toBe(true);
    expect(await sha256File({ path: first.setup.zkey })).toBe(published.zkeySha256);
    expect(first.setup.zkey.startsWith(join(root, "newcomer"))).toBe(true);
    expect(
      await verifyContributionAttestations({
        zkey: first.setup.zkey,
        attestations: first.setup.record.attestations,
        circuitKey: first.circuit.key,
      }),
    ).toEqual([release.address]);

    const proof = await prove({ model, input: [3n, -5n] });
    expect(
      await verify({
        proof: proof.proof,
        publicSignals: proof.publicSignals,
        verificationKey: first.setup.verificationKey,
      }),
    ).toBe(true);

    const again = await setupModel({ model, name: "tiny-v1", published, verifierDirs: [verifierDir] });
    expect(again.setup.cached).toBe(true);
    // setupCircuit keeps the published key, even for a contributor who has not signed it.
    const other = privateKeyToAccount(generatePrivateKey());
    const kept = await setupCircuit({ circuit: first.circuit, contributor: other });
    expect(kept.record.published).toBe(true);
    expect(await sha256File({ path: kept.zkey })).toBe(published.zkeySha256);
    await expect(setupCircuit({ circuit: first.circuit, force: true })).rejects.toThrowError(
      PublishedKeyInstalledError,
    );
    await expect(setupModel({ model, name: "tiny-v1", published, force: true })).rejects.toThrowError(
      /force asks for a phase 2 of your own; tiny-v1 ships published keys/,
    );
    expect(await sha256File({ path: kept.zkey })).toBe(published.zkeySha256);
  });

  it("refuses keys that do not match their pins, naming both hashes, and installs nothing", async () => {
    const home = await useHome("tampered");
    const dir = join(root, "tampered-keys");
    await cp(published.dir, dir, { recursive: true });
    const zkey = join(dir, "circuit_final.zkey");
    const bytes = await readFile(zkey);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
    await writeFile(zkey, bytes);
    const tampered = await sha256File({ path: zkey });
    const attempt = setupModel({ model, name: "tiny-v1", published: { ...published, dir } });
    await expect(attempt).rejects.toThrowError(PublishedKeyHashMismatchError);
    await expect(attempt).rejects.toThrowError(`expected ${published.zkeySha256}, received ${tampered}`);
    const wrongVkeyPin = setupModel({
      model,
      name: "tiny-v1",
      published: { ...published, vkeyHash: `0x${"0".repeat(64)}` },
    });
    await expect(wrongVkeyPin).rejects.toThrowError(PublishedKeyHashMismatchError);
    const circuit = await tinyCircuit();
    expect(existsSync(join(circuit.dir, "circuit_final.zkey"))).toBe(false);
    expect(circuit.dir.startsWith(home)).toBe(true);
  });

  it("names the files missing from an incomplete keys folder", async () => {
    await useHome("incomplete");
    const dir = join(root, "incomplete-keys");
    await cp(published.dir, dir, { recursive: true });
    await rm(join(dir, "setup.json"));
    const attempt = setupModel({ model, name: "tiny-v1", published: { ...published, dir } });
    await expect(attempt).rejects.toThrowError(PublishedKeysMissingError);
    await expect(attempt).rejects.toThrowError(/is incomplete: setup.json missing/);
  });

  it("refuses keys made for another circuit", async () => {
    await useHome("other-shape");
    const attempt = setupModel({ model: tinyModel({ widths: [3, 2, 1] }), name: "other-v1", published });
    await expect(attempt).rejects.toThrowError(PublishedKeyCircuitMismatchError);
    await expect(attempt).rejects.toThrowError(/the keys are for circuit mlp_2_3_1_s4-/);
  });
});
