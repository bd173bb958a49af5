import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import {
  compileCircuit,
  hashVerificationKey,
  modelPinFromSetup,
  modelShape,
  readBinSections,
  readSetupRecord,
  setupCircuit,
  sha256File,
  terminateCurve,
  type VerificationKey,
} from "@convergence/zk";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReleaseKeyInvalidError, ReleasePtauNotFoundError } from "../src/errors/pin.ts";
import { importModel } from "../src/manifest/importModel.ts";
import { loadModel } from "../src/manifest/loadModel.ts";
import { loadModelPin } from "../src/manifest/loadModelPin.ts";
import { buildFloatOnnx } from "../src/onnx/buildFloatOnnx.ts";

// A 2-3-1 MLP (the zk tests' tiny shape): phase 2 and its replay take seconds.
const FLOAT = {
  layers: [
    {
      weights: [
        [0.5, -0.25],
        [-0.75, 0.125],
        [0.25, 0.5],
      ],
      bias: [0.125, 0, -0.25],
      relu: true,
    },
    { weights: [[0.5, -0.5, 0.75]], bias: [0.0625], relu: false },
  ],
};

/** A key's files copied out of the zk cache, as a publisher ships them. */
type Keys = { dir: string; zkey: string; verificationKey: VerificationKey };

/** The attacker's splice: `zkey` with its section 10 (the contribution records) replaced by `records`' section 10. */
async function spliceContributions({ zkey, records, out }: { zkey: string; records: string; out: string }) {
  const types = [...(await readBinSections({ path: zkey, magic: "zkey", load: [] })).sections.keys()];
  const own = await readBinSections({ path: zkey, magic: "zkey", load: types });
  const copied = (await readBinSections({ path: records, magic: "zkey", load: [10] })).sections.get(10)?.data;
  if (copied === undefined) throw new Error(`${records} has no section 10`);
  const head = Buffer.alloc(12);
  head.write("zkey", 0, "latin1");
  head.writeUInt32LE(own.version, 4);
  head.writeUInt32LE(types.length, 8);
  const parts: Buffer[] = [head];
  for (const type of types) {
    const data = type === 10 ? copied : (own.sections.get(type)?.data as Buffer);
    const header = Buffer.alloc(12);
    header.writeUInt32LE(type, 0);
    header.writeBigUInt64LE(BigInt(data.length), 4);
    parts.push(header, data);
  }
  const file = await open(out, "w");
  try {
    for (const part of parts) await file.write(part);
  } finally {
    await file.close();
  }
}

describe("loadModelPin of an imported release", () => {
  let home: string;
  let previousHome: string | undefined;
  let onnxPath: string;
  let honest: Keys;
  let forged: Keys;
  let commitment: bigint;
  const publisher = privateKeyToAccount(generatePrivateKey());
  const attacker = privateKeyToAccount(generatePrivateKey());
  /** The replay verdicts cached anywhere in this home's zk cache, relative to it. */
  const verdicts = () =>
    readdirSync(join(home, "zk"), { recursive: true, encoding: "utf8" })
      .filter((path) => /^verified-[0-9a-f]{64}\.json$/.test(basename(path)))
      .sort();

  /** Imports the tiny model as `name` with `keys` as its release (`keys/`, pinned by hash in its manifest). */
  async function publish(name: string, keys: Keys, edit?: (record: Record<string, unknown>) => void) {
    const { directory } = await importModel({ path: onnxPath, name, home, scale: 4 });
    const target = join(directory, "keys");
    mkdirSync(target);
    for (const file of ["circuit_final.zkey", "verification_key.json", "setup.json"]) {
      cpSync(join(keys.dir, file), join(target, file));
    }
    if (edit) {
      const record = JSON.parse(readFileSync(join(target, "setup.json"), "utf8"));
      edit(record);
      writeFileSync(join(target, "setup.json"), JSON.stringify(record));
    }
    const manifestPath = join(directory, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    manifest.keys = {
      zkeySha256: await sha256File({ path: keys.zkey }),
      vkeyHash: hashVerificationKey(keys.verificationKey),
    };
    writeFileSync(manifestPath, JSON.stringify(manifest));
  }

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "models-release-"));
    previousHome = process.env["CONVERGENCE_HOME"];
    process.env["CONVERGENCE_HOME"] = home;
    onnxPath = join(home, "tiny.onnx");
    writeFileSync(onnxPath, buildFloatOnnx({ model: FLOAT }));
    await importModel({ path: onnxPath, name: "tiny", home, scale: 4 });
    const { quantized, manifest } = await loadModel({ name: "tiny", home });
    commitment = BigInt(manifest.commitments.model);
    const circuit = await compileCircuit({ shape: modelShape({ model: quantized }) });
    const copyOut = async (setup: Awaited<ReturnType<typeof setupCircuit>>, to: string): Promise<Keys> => {
      const dir = join(home, to);
      cpSync(circuit.dir, dir, {
        recursive: true,
        filter: (source) =>
          source === circuit.dir || /(circuit_final\.zkey|verification_key\.json|setup\.json)$/.test(source),
      });
      return { dir, zkey: join(dir, "circuit_final.zkey"), verificationKey: setup.verificationKey };
    };
    // The publisher's honest phase 2, signed; then the attacker's own phase 2 of the same circuit, alone.
    honest = await copyOut(await setupCircuit({ circuit, contributor: publisher }), "honest");
    const own = await copyOut(await setupCircuit({ circuit, contributor: attacker, force: true }), "attacker");
    // The forged release: the attacker's key (it knows its delta's secret) with the honest key's contribution
    // records spliced in, shipped with the honest setup.json (its attestations) and the attacker's verification key.
    const dir = join(home, "forged");
    mkdirSync(dir);
    const zkey = join(dir, "circuit_final.zkey");
    await spliceContributions({ zkey: own.zkey, records: honest.zkey, out: zkey });
    cpSync(join(honest.dir, "setup.json"), join(dir, "setup.json"));
    cpSync(join(own.dir, "verification_key.json"), join(dir, "verification_key.json"));
    forged = { dir, zkey, verificationKey: own.verificationKey };
    // Measured: ~9 s (a cold compile of the 2-3-1 circuit and two phase 2s) on 2 shared cores; 180 s: safety net.
  }, 180_000);
  afterAll(async () => {
    if (previousHome === undefined) delete process.env["CONVERGENCE_HOME"];
    else process.env["CONVERGENCE_HOME"] = previousHome;
    await terminateCurve();
    await rm(home, { recursive: true, force: true });
  });

  it("replays an honest key once, pins its signed contributor, and reuses the verdict", async () => {
    await publish("tiny-honest", honest);
    const first = await loadModelPin({ name: "tiny-honest", home });
    expect(first.keyCheck).toBe("replayed");
    expect(first.pin.contributors).toEqual([publisher.address]);
    expect(first.pin.commitment).toBe(commitment);
    expect(first.pin.verificationKey).toEqual(honest.verificationKey);
    const [verdict] = verdicts();
    expect(verdicts()).toHaveLength(1);
    const path = join(home, "zk", verdict as string);
    const written = statSync(path).mtimeMs;
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({
      zkeySha256: await sha256File({ path: honest.zkey }),
      contributors: [publisher.address],
    });

    const second = await loadModelPin({ name: "tiny-honest", home });
    expect(second.keyCheck).toBe("cached-replay");
    expect(second.pin).toEqual(first.pin);
    expect(statSync(path).mtimeMs).toBe(written);

    // The same key released without its attestation: the verdict holds for the key, the contributors are the
    // signatures this release carries.
    await publish("tiny-unsigned", honest, (record) => {
      record.attestations = [];
    });
    const unsigned = await loadModelPin({ name: "tiny-unsigned", home });
    expect({ keyCheck: unsigned.keyCheck, contributors: unsigned.pin.contributors }).toEqual({
      keyCheck: "cached-replay",
      contributors: [],
    });
    expect(verdicts()).toHaveLength(1);
  }, 120_000);

  it("does not trust a verdict file for other hashes than the key's", async () => {
    const [verdict] = verdicts();
    const path = join(home, "zk", verdict as string);
    const original = readFileSync(path, "utf8");
    try {
      writeFileSync(path, JSON.stringify({ ...JSON.parse(original), r1csSha256: "00".repeat(32) }));
      const { keyCheck, pin } = await loadModelPin({ name: "tiny-honest", home });
      expect(keyCheck).toBe("replayed");
      expect(pin.contributors).toEqual([publisher.address]);
      expect(JSON.parse(readFileSync(path, "utf8")).r1csSha256).not.toBe("00".repeat(32));
    } finally {
      writeFileSync(path, original);
    }
  }, 120_000);

  it("refuses a key made by one party's phase 2 with another key's contribution records spliced in", async () => {
    // The cheap check is fooled: the spliced records carry the publisher's signed contribution hash.
    const record = await readSetupRecord({ path: join(forged.dir, "setup.json") });
    const cheap = await modelPinFromSetup({
      setup: { zkey: forged.zkey, verificationKey: forged.verificationKey, record },
      commitment,
    });
    expect(cheap.contributors).toEqual([publisher.address]);
    expect(hashVerificationKey(forged.verificationKey)).not.toBe(hashVerificationKey(honest.verificationKey));

    await publish("tiny-forged", forged);
    const before = verdicts();
    const error = await loadModelPin({ name: "tiny-forged", home }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseKeyInvalidError);
    // snarkjs replays the spliced records from the circuit's initial key; their last delta is not the key's.
    expect((error as ReleaseKeyInvalidError).problems.join("\n")).toMatch(/delta/i);
    expect((error as Error).message).toContain(join(home, "models", "tiny-forged", "keys", "circuit_final.zkey"));
    expect(verdicts()).toEqual(before);
  }, 120_000);

  it("names the ptau it needs when the release's is not on this machine", async () => {
    const sha256 = "ab".repeat(32);
    await publish("tiny-elsewhere", honest, (record) => {
      record.ptau = { path: join(home, "public-ceremony.ptau"), sha256, power: 14, development: false };
    });
    const error = await loadModelPin({ name: "tiny-elsewhere", home }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleasePtauNotFoundError);
    expect((error as Error).message).toContain(sha256);
    expect((error as Error).message).toContain(join(home, "public-ceremony.ptau"));

    // A release names any path: a device there is not read (this would never end).
    await publish("tiny-device", honest, (record) => {
      record.ptau = { path: "/dev/zero", sha256, power: 14, development: false };
    });
    await expect(loadModelPin({ name: "tiny-device", home })).rejects.toThrow(
      /sha256 (ab){32} \(the release names \/dev\/zero\)/,
    );

    await publish("tiny-no-ptau", honest, (record) => {
      delete record.ptau;
    });
    const malformed = await loadModelPin({ name: "tiny-no-ptau", home }).catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(ReleasePtauNotFoundError);
    expect((malformed as Error).message).toContain("names no usable ptau");
  });

  it("pins the bundled risk-v1 by its hash-pinned release, without a replay", async () => {
    const before = verdicts();
    const { keyCheck, source, pin, dir } = await loadModelPin({ name: "risk-v1" });
    expect({ keyCheck, source }).toEqual({ keyCheck: "bundled", source: "release" });
    const record = await readSetupRecord({ path: join(dir, "setup.json") });
    expect(pin.contributors).toEqual(record.attestations.map((attestation) => attestation.contributor));
    expect(pin.contributors.length).toBeGreaterThan(0);
    expect(verdicts()).toEqual(before);
  });
});
