import { existsSync, statSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import {
  type CompiledCircuit,
  devPtauPath,
  type ModelPinFromSetupReturnType,
  type SetupRecord,
  sha256File,
  verifyContributionAttestations,
  verifySetup,
  zkCacheDir,
} from "@convergence/zk";
import { ReleaseKeyInvalidError, ReleasePtauNotFoundError } from "../errors/pin.ts";
import { sha256 } from "./sha256.ts";

export type ReplayReleaseKeyParameters = {
  /** The model's name, for errors. */
  name: string;
  /** The release's proving key. */
  zkey: string;
  /** Its sha256 (64 lowercase hex digits), already checked against the manifest's pin. */
  zkeySha256: string;
  /** The release's setup.json: the ptau it names and the signed contributions. */
  record: SetupRecord;
  /** The model's circuit compiled on this machine: its r1cs is what the key must derive from. */
  circuit: Pick<CompiledCircuit, "r1cs" | "key">;
};
export type ReplayReleaseKeyReturnType = {
  /** The signers of contributions in the replayed chain, in the order of their contributions. */
  contributors: ModelPinFromSetupReturnType["contributors"];
  /** True when a verdict of an earlier replay of the same zkey, r1cs and ptau was used. */
  cached: boolean;
  /** The verdict file: `verified-<sha256>.json` in the circuit's zk cache directory. */
  cacheFile: string;
};

type Verdict = {
  zkeySha256: string;
  r1csSha256: string;
  ptauSha256: string;
  circuitKey: string;
  contributors: string[];
  verifiedAt: string;
};

/**
 * Replays an imported release's proving key the way a stranger should before trusting its contributors:
 * `verifySetup` (snarkjs `zkey verify` against this machine's r1cs of the circuit and the ptau the release names, found
 * by its sha256 at the path it names or as the development ptau) and the contributors whose signatures hold over the
 * replayed contributions. A contribution record copied from another key does not replay, so its signer is never
 * listed. A valid verdict (with the contributors it found) is kept in the circuit's zk cache directory, keyed by the
 * sha256 of zkey, r1cs and ptau and trusted only for exactly those hashes, so the replay (35 s for risk-v1) runs once
 * per key; with a verdict, the key's records are known to be its own and the cheap signature check over them holds.
 *
 * @example
 * const { contributors } = await replayReleaseKey({ name, zkey, zkeySha256, record, circuit });
 */
export async function replayReleaseKey({
  name,
  zkey,
  zkeySha256,
  record,
  circuit,
}: ReplayReleaseKeyParameters): Promise<ReplayReleaseKeyReturnType> {
  const ptau = await findReleasePtau({ name, ptau: record.ptau });
  const expected = {
    zkeySha256: zkeySha256.toLowerCase(),
    r1csSha256: await sha256File({ path: circuit.r1cs }),
    ptauSha256: record.ptau.sha256.toLowerCase(),
    circuitKey: circuit.key,
  };
  const id = sha256({
    bytes: Buffer.from(`${expected.zkeySha256}\n${expected.r1csSha256}\n${expected.ptauSha256}`),
  });
  const cacheFile = join(zkCacheDir({ key: circuit.key }), `verified-${id}.json`);
  if (await hasVerdict({ path: cacheFile, expected })) {
    // The key's contribution records are the ones its delta was made from: the cheap check over them now holds, for
    // the attestations this release carries (a release of the same key may carry more than the one replayed).
    const contributors = await verifyContributionAttestations({
      zkey,
      attestations: record.attestations,
      circuitKey: circuit.key,
    });
    return { contributors, cached: true, cacheFile };
  }

  const { valid, contributions, problems } = await verifySetup({
    zkey,
    r1cs: circuit.r1cs,
    ptau,
    attestations: record.attestations,
    circuitKey: circuit.key,
  });
  if (!valid) throw new ReleaseKeyInvalidError({ name, zkey, problems });
  const contributors = [...new Set(contributions.flatMap((c) => (c.contributor === undefined ? [] : [c.contributor])))];
  const verdict: Verdict = { ...expected, contributors, verifiedAt: new Date().toISOString() };
  await mkdir(zkCacheDir({ key: circuit.key }), { recursive: true });
  const partial = `${cacheFile}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(verdict, null, 2)}\n`);
  await rename(partial, cacheFile);
  return { contributors, cached: false, cacheFile };
}

/**
 * The release's ptau on this machine: at the path setup.json names (relative to the repository), else the
 * development ptau, each only if it is a regular file with the sha256 named.
 */
async function findReleasePtau({ name, ptau }: { name: string; ptau: SetupRecord["ptau"] }): Promise<string> {
  const { path: namedPath, sha256: expected, power } = (ptau ?? {}) as Partial<SetupRecord["ptau"]>;
  if (typeof expected !== "string" || !/^[0-9a-fA-F]{64}$/.test(expected) || typeof namedPath !== "string") {
    throw new ReleasePtauNotFoundError({
      name,
      ptau: { path: String(namedPath), sha256: String(expected), power: Number(power) },
      searched: [],
      problem: `its keys/setup.json names no usable ptau (expected ptau.path and a 64-hex-digit ptau.sha256, got ${JSON.stringify(ptau)})`,
    });
  }
  const named = isAbsolute(namedPath) ? namedPath : resolve(workspaceRoot(), namedPath);
  const searched: string[] = [];
  for (const path of [...new Set([named, devPtauPath()])]) {
    // A release names any path: only a regular file is read (never a device or a FIFO).
    if (!existsSync(path) || !statSync(path).isFile()) continue;
    searched.push(path);
    if ((await sha256File({ path })) === expected.toLowerCase()) return path;
  }
  throw new ReleasePtauNotFoundError({ name, ptau: { ...ptau, path: named }, searched });
}

/** Whether a verdict of an earlier replay names exactly these hashes; anything else is no verdict. */
async function hasVerdict({
  path,
  expected,
}: {
  path: string;
  expected: Omit<Verdict, "contributors" | "verifiedAt">;
}): Promise<boolean> {
  if (!existsSync(path)) return false;
  try {
    const verdict = JSON.parse(await readFile(path, "utf8")) as Partial<Verdict>;
    return (Object.keys(expected) as (keyof typeof expected)[]).every((k) => verdict[k] === expected[k]);
  } catch {
    // An unreadable verdict is no verdict: the key is replayed again.
    return false;
  }
}
