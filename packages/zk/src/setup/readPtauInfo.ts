import { PtauInvalidError } from "../errors/setup.ts";
import { readBinSections } from "../files/readBinSections.ts";
import { readFieldElement } from "../files/readFieldElement.ts";

export type ReadPtauInfoParameters = { path: string };
export type ReadPtauInfoReturnType = {
  /** 2^power constraints fit. */
  power: number;
  ceremonyPower: number;
  /** Whether phase 2 was prepared (the Lagrange sections 12-15 exist): setup needs it. */
  prepared: boolean;
  /** Whether the file is on bn128, the only curve the verifiers support. */
  bn128: boolean;
};

const BN128_Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;

/**
 * Reads the header of a `.ptau` file without loading the points.
 *
 * @example
 * await readPtauInfo({ path: devPtauPath() }) // { power: 14, ceremonyPower: 14, prepared: true, bn128: true }
 */
export async function readPtauInfo({ path }: ReadPtauInfoParameters): Promise<ReadPtauInfoReturnType> {
  let sections: Awaited<ReturnType<typeof readBinSections>>["sections"];
  try {
    ({ sections } = await readBinSections({ path, magic: "ptau", load: [1] }));
  } catch (cause) {
    throw new PtauInvalidError({ path, problem: cause instanceof Error ? cause.message : String(cause) });
  }
  const body = sections.get(1)?.data;
  if (body === undefined) throw new PtauInvalidError({ path, problem: "it has no header section" });
  const n8 = body.readUInt32LE(0);
  return {
    power: body.readUInt32LE(4 + n8),
    ceremonyPower: body.readUInt32LE(8 + n8),
    prepared: [12, 13, 14, 15].every((type) => sections.has(type)),
    bn128: readFieldElement({ buffer: body, offset: 4, n8 }) === BN128_Q,
  };
}
