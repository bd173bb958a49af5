import { BinaryFileError } from "../errors/files.ts";
import { readBinSections } from "../files/readBinSections.ts";

export type ReadZkeyInfoParameters = { path: string };
export type ReadZkeyInfoReturnType = {
  protocol: "groth16";
  nVars: number;
  nPublic: number;
  domainSize: number;
  /** Phase-2 contributions recorded in the key (a beacon counts as one). */
  contributions: number;
  /**
   * Whether delta still equals gamma (the G2 generator, as `zkey new` leaves it): such a key has had
   * no phase-2 contribution and anyone can forge proofs for it.
   */
  deltaUnchanged: boolean;
};

const GROTH16 = 1;

/**
 * Reads a Groth16 `.zkey` header and its phase-2 contribution count without loading the key.
 *
 * @example
 * const { contributions, deltaUnchanged } = await readZkeyInfo({ path: zkey });
 */
export async function readZkeyInfo({ path }: ReadZkeyInfoParameters): Promise<ReadZkeyInfoReturnType> {
  const { sections } = await readBinSections({ path, magic: "zkey", load: [1, 2, 10] });
  const protocol = sections.get(1)?.data?.readUInt32LE(0);
  if (protocol !== GROTH16) throw new BinaryFileError({ path, magic: "zkey", problem: "it is not a Groth16 key" });
  const header = sections.get(2)?.data;
  const mpc = sections.get(10)?.data;
  if (header === undefined || mpc === undefined) {
    throw new BinaryFileError({
      path,
      magic: "zkey",
      problem: "it lacks the Groth16 header or the contributions section",
    });
  }
  const n8q = header.readUInt32LE(0);
  const n8r = header.readUInt32LE(4 + n8q);
  let offset = 8 + n8q + n8r;
  const nVars = header.readUInt32LE(offset);
  const nPublic = header.readUInt32LE(offset + 4);
  const domainSize = header.readUInt32LE(offset + 8);
  offset += 12 + 2 * n8q + 2 * n8q + 4 * n8q; // alpha1, beta1, beta2
  const gamma2 = header.subarray(offset, offset + 4 * n8q);
  offset += 4 * n8q + 2 * n8q; // gamma2, delta1
  const delta2 = header.subarray(offset, offset + 4 * n8q);
  // Section 10: the circuit hash (64 bytes), then the number of contributions.
  const contributions = mpc.readUInt32LE(64);
  return { protocol: "groth16", nVars, nPublic, domainSize, contributions, deltaUnchanged: gamma2.equals(delta2) };
}
