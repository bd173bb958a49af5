import { open } from "node:fs/promises";
import { BinaryFileError } from "../errors/files.ts";

export type ReadBinSectionsParameters = {
  path: string;
  /** The 4-byte magic: "ptau", "r1cs", "zkey", "wtns". */
  magic: string;
  /** Section types whose bytes to load; others are only located. */
  load: readonly number[];
};
export type ReadBinSectionsReturnType = {
  version: number;
  /** Every section: where its data starts, its size, and its bytes when asked for in `load`. */
  sections: Map<number, { position: number; size: number; data?: Buffer }>;
};

/**
 * Reads the container of iden3's binary files (ptau, r1cs, zkey, wtns): magic, version, then
 * sections of (u32 type, u64 size, data), without loading the sections it is not asked for.
 *
 * @example
 * const { sections } = await readBinSections({ path, magic: "r1cs", load: [1] });
 */
export async function readBinSections({
  path,
  magic,
  load,
}: ReadBinSectionsParameters): Promise<ReadBinSectionsReturnType> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const read = async (position: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, position);
      if (bytesRead !== length) throw new BinaryFileError({ path, magic, problem: "the file is truncated" });
      return buffer;
    };
    const head = await read(0, 12);
    if (head.toString("latin1", 0, 4) !== magic) {
      throw new BinaryFileError({ path, magic, problem: `it does not start with "${magic}"` });
    }
    const sectionCount = head.readUInt32LE(8);
    const sections: ReadBinSectionsReturnType["sections"] = new Map();
    let position = 12;
    for (let i = 0; i < sectionCount; i++) {
      const header = await read(position, 12);
      const type = header.readUInt32LE(0);
      const length = Number(header.readBigUInt64LE(4));
      if (position + 12 + length > size) {
        throw new BinaryFileError({ path, magic, problem: "a section runs past the end of the file (truncated?)" });
      }
      const entry: { position: number; size: number; data?: Buffer } = { position: position + 12, size: length };
      if (load.includes(type)) entry.data = await read(position + 12, length);
      sections.set(type, entry);
      position += 12 + length;
    }
    return { version: head.readUInt32LE(4), sections };
  } finally {
    await file.close();
  }
}
