import { open } from "node:fs/promises";
import { PtauInvalidError } from "../errors/setup.ts";

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
 * Reads the header of a `.ptau` file (binary "ptau" container: magic, version, sections) without
 * loading the points.
 *
 * @example
 * await readPtauInfo({ path: devPtauPath() }) // { power: 14, ceremonyPower: 14, prepared: true, bn128: true }
 */
export async function readPtauInfo({ path }: ReadPtauInfoParameters): Promise<ReadPtauInfoReturnType> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const read = async (position: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, position);
      if (bytesRead !== length) throw new PtauInvalidError({ path, problem: "the file is truncated" });
      return buffer;
    };
    const head = await read(0, 12);
    if (head.toString("latin1", 0, 4) !== "ptau") throw new PtauInvalidError({ path, problem: "no ptau magic bytes" });
    const sectionCount = head.readUInt32LE(8);
    const sections = new Map<number, { position: number; size: number }>();
    let position = 12;
    for (let i = 0; i < sectionCount; i++) {
      const header = await read(position, 12);
      const type = header.readUInt32LE(0);
      const length = Number(header.readBigUInt64LE(4));
      sections.set(type, { position: position + 12, size: length });
      position += 12 + length;
      if (position > size) throw new PtauInvalidError({ path, problem: "a section runs past the end of the file" });
    }
    const header = sections.get(1);
    if (header === undefined) throw new PtauInvalidError({ path, problem: "no header section" });
    const body = await read(header.position, header.size);
    const n8 = body.readUInt32LE(0);
    let q = 0n;
    for (let i = n8 - 1; i >= 0; i--) q = (q << 8n) + BigInt(body[4 + i] as number);
    return {
      power: body.readUInt32LE(4 + n8),
      ceremonyPower: body.readUInt32LE(8 + n8),
      prepared: [12, 13, 14, 15].every((type) => sections.has(type)),
      bn128: q === BN128_Q,
    };
  } finally {
    await file.close();
  }
}
