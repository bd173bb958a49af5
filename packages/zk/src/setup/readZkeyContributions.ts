import { createHash } from "node:crypto";
import type { Hex } from "viem";
import { BinaryFileError } from "../errors/files.ts";
import { readBinSections } from "../files/readBinSections.ts";
import { readFieldElement } from "../files/readFieldElement.ts";

export type ReadZkeyContributionsParameters = { path: string };
export type ZkeyContribution = {
  /** 1-based, as snarkjs numbers contributions (`contribution #1`). */
  index: number;
  /** The name given to the contribution (`convergence:<address>` for a signed one); "" when none. */
  name: string;
  /** The contribution hash snarkjs prints (blake2b-512 of the contribution's public key and transcript). */
  hash: Hex;
  type: "contribution" | "beacon";
};
export type ReadZkeyContributionsReturnType = ZkeyContribution[];

const GROTH16 = 1;

/**
 * The phase-2 contributions recorded in a Groth16 `.zkey` (section 10), with the contribution hash of each,
 * computed as snarkjs computes it (`hashPubKey` in snarkjs' zkey_utils.js: blake2b-512 over deltaAfter, g1_s, g1_sx
 * and g2_spx in uncompressed big-endian form, then the transcript), so it equals the hash `zkey contribute` and
 * `zkey verify` print. Reads only the header and section 10, without loading the key.
 *
 * @example
 * const contributions = await readZkeyContributions({ path: setup.zkey });
 * // [{ index: 1, name: "convergence:0x90F7...", hash: "0x1c0e...", type: "contribution" }, { index: 2, ..., type: "beacon" }]
 */
export async function readZkeyContributions({
  path,
}: ReadZkeyContributionsParameters): Promise<ReadZkeyContributionsReturnType> {
  const { sections } = await readBinSections({ path, magic: "zkey", load: [1, 2, 10] });
  const fail = (problem: string): never => {
    throw new BinaryFileError({ path, magic: "zkey", problem });
  };
  if (sections.get(1)?.data?.readUInt32LE(0) !== GROTH16) fail("it is not a Groth16 key");
  const header = sections.get(2)?.data ?? fail("it lacks the Groth16 header");
  const mpc = sections.get(10)?.data ?? fail("it lacks the contributions section");
  const n8q = header.readUInt32LE(0);
  const q = readFieldElement({ buffer: header, offset: 4, n8: n8q });
  // Points are stored in Montgomery form (x * R mod q, R = 2^(8 n8q)), little-endian.
  const rInverse = modInverse((1n << BigInt(8 * n8q)) % q, q);
  const toBigEndian = (offset: number): Buffer => {
    const value = (readFieldElement({ buffer: mpc, offset, n8: n8q }) * rInverse) % q;
    return Buffer.from(value.toString(16).padStart(2 * n8q, "0"), "hex");
  };
  const g1 = (offset: number): Buffer[] => [toBigEndian(offset), toBigEndian(offset + n8q)];
  // An Fq2 element (c0, c1) is written c1 first in the uncompressed form.
  const g2 = (offset: number): Buffer[] => [
    toBigEndian(offset + n8q),
    toBigEndian(offset),
    toBigEndian(offset + 3 * n8q),
    toBigEndian(offset + 2 * n8q),
  ];

  const count = mpc.readUInt32LE(64);
  const contributions: ZkeyContribution[] = [];
  let offset = 68;
  for (let i = 0; i < count; i++) {
    if (offset + 3 * 2 * n8q + 4 * n8q + 64 + 8 > mpc.length) fail(`contribution #${i + 1} is truncated`);
    const hasher = createHash("blake2b512");
    for (const part of [...g1(offset), ...g1(offset + 2 * n8q), ...g1(offset + 4 * n8q), ...g2(offset + 6 * n8q)]) {
      hasher.update(part);
    }
    offset += 3 * 2 * n8q + 4 * n8q;
    hasher.update(mpc.subarray(offset, offset + 64));
    offset += 64;
    const type = mpc.readUInt32LE(offset);
    const paramsLength = mpc.readUInt32LE(offset + 4);
    offset += 8;
    const end = offset + paramsLength;
    if (end > mpc.length) fail(`the parameters of contribution #${i + 1} are truncated`);
    let name = "";
    while (offset < end) {
      const param = mpc[offset] as number;
      if (param === 1 || param === 3) {
        const length = mpc[offset + 1] as number;
        if (param === 1) name = mpc.toString("utf8", offset + 2, offset + 2 + length);
        offset += 2 + length;
      } else if (param === 2) {
        offset += 2;
      } else {
        fail(`contribution #${i + 1} has an unknown parameter ${param}`);
      }
    }
    if (offset !== end) fail(`the parameters of contribution #${i + 1} do not match their length`);
    contributions.push({
      index: i + 1,
      name,
      hash: `0x${hasher.digest("hex")}`,
      type: type === 1 ? "beacon" : "contribution",
    });
  }
  return contributions;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  return ((oldS % m) + m) % m;
}
