import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  hashVerificationKey,
  PublishedKeyHashMismatchError,
  type SetupCircuitReturnType,
  setupModel,
  sha256File,
} from "@convergence/zk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelPinNotFoundError } from "../errors/pin.ts";
import { loadModel } from "./loadModel.ts";
import { loadModelPin } from "./loadModelPin.ts";
import { modelDirectories } from "./modelDirectories.ts";

/** A copy of risk-v1 as an imported model in a fresh home, with or without published keys. */
function importedCopy(home: string, name: string, keys?: { from: string; zkeySha256: string; vkeyHash: string }) {
  const directory = join(home, "models", name);
  cpSync(join(modelDirectories().bundled, "risk-v1"), directory, {
    recursive: true,
    filter: (source) => !source.endsWith("keys") && !source.endsWith("model.int64.onnx"),
  });
  const manifestPath = join(directory, "manifest.json");
  const { keys: _published, ...manifest } = JSON.parse(readFileSync(manifestPath, "utf8"));
  manifest.name = name;
  if (keys) {
    mkdirSync(join(directory, "keys"));
    for (const file of ["circuit_final.zkey", "verification_key.json", "setup.json"]) {
      copyFileSync(join(keys.from, file), join(directory, "keys", file));
    }
    manifest.keys = { zkeySha256: keys.zkeySha256, vkeyHash: keys.vkeyHash };
  }
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return directory;
}

describe("loadModelPin", () => {
  let home: string;
  let setup: SetupCircuitReturnType;
  let commitment: bigint;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "models-pin-"));
    const { quantized, manifest, publishedKeys } = await loadModel({ name: "risk-v1" });
    commitment = BigInt(manifest.commitments.model);
    // This machine's key for risk-v1's shape: its published key, installed (no phase 2) if no other test did it first.
    ({ setup } = await setupModel({ model: quantized, name: "risk-v1", published: publishedKeys, verifierDirs: [] }));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it("pins a model without published keys by this machine's setup of its circuit", async () => {
    importedCopy(home, "own-setup");
    const { pin, source, dir, keyCheck } = await loadModelPin({ name: "own-setup", home });
    expect({ source, keyCheck }).toEqual({ source: "setup", keyCheck: "setup" });
    expect(dir).toBe(join(setup.zkey, ".."));
    expect(pin.commitment).toBe(commitment);
    expect(hashVerificationKey(pin.verificationKey)).toBe(hashVerificationKey(setup.verificationKey));
    expect(Array.isArray(pin.contributors)).toBe(true);
  });

  it("refuses an imported release whose files do not have the hashes its manifest pins, before any replay", async () => {
    // An imported release that matches its pins is replayed (test/importedRelease.test.ts, on a tiny circuit).
    const release = {
      from: join(setup.zkey, ".."),
      zkeySha256: await sha256File({ path: setup.zkey }),
      vkeyHash: hashVerificationKey(setup.verificationKey),
    };
    importedCopy(home, "bad-zkey", { ...release, zkeySha256: "00".repeat(32) });
    await expect(loadModelPin({ name: "bad-zkey", home })).rejects.toBeInstanceOf(PublishedKeyHashMismatchError);
    importedCopy(home, "bad-vkey", { ...release, vkeyHash: `0x${"11".repeat(32)}` });
    await expect(loadModelPin({ name: "bad-vkey", home })).rejects.toThrow(
      /verification_key\.json does not match the hash pinned in the model's manifest\.\nDetails: expected 0x(11){32}/,
    );
  });

  it("pins bundled risk-v1 by its published release, whose signed contributor is the release account", async () => {
    const { pin, source, dir, keyCheck } = await loadModelPin({ name: "risk-v1" });
    expect({ source, dir, keyCheck }).toEqual({
      source: "release",
      dir: join(modelDirectories().bundled, "risk-v1", "keys"),
      keyCheck: "bundled",
    });
    expect(pin.commitment).toBe(commitment);
    const record = JSON.parse(readFileSync(join(dir, "setup.json"), "utf8"));
    // modelPinFromSetup keeps only attestations whose signature holds over the zkey's contribution hash.
    expect(pin.contributors).toEqual(
      record.attestations.map((attestation: { contributor: string }) => attestation.contributor),
    );
    expect(pin.contributors.length).toBeGreaterThan(0);
  });

  it("names where it looked when there is no key to pin by", async () => {
    // A fresh zk cache (CONVERGENCE_HOME) holds no setup: the model's circuit is compiled there, never set up.
    const previous = process.env.CONVERGENCE_HOME;
    process.env.CONVERGENCE_HOME = home;
    try {
      importedCopy(home, "no-setup");
      const error = await loadModelPin({ name: "no-setup", home }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelPinNotFoundError);
      expect((error as Error).message).toContain(join(home, "zk"));
    } finally {
      if (previous === undefined) delete process.env.CONVERGENCE_HOME;
      else process.env.CONVERGENCE_HOME = previous;
    }
  });
});
