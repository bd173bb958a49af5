import { writeFile } from "node:fs/promises";
import { FIELD_MODULUS } from "../src/index.ts";

/**
 * Writes a witness vector as a `.wtns` file (iden3 binary: magic "wtns", version 2, a header section
 * with n8, the prime and the count, then the values as 32-byte little-endian words), so that
 * `snarkjs.wtns.check` can judge an edited witness.
 *
 * @example
 * await writeWitness({ path: "forged.wtns", witness });
 */
export async function writeWitness({ path, witness }: { path: string; witness: readonly bigint[] }): Promise<void> {
  const n8 = 32;
  const littleEndian = (value: bigint) => {
    const buffer = Buffer.alloc(n8);
    let v = value;
    for (let i = 0; i < n8; i++) {
      buffer[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    return buffer;
  };
  const word = (value: bigint) => littleEndian(((value % FIELD_MODULUS) + FIELD_MODULUS) % FIELD_MODULUS);
  const section = (type: number, body: Buffer) => {
    const header = Buffer.alloc(12);
    header.writeUInt32LE(type, 0);
    header.writeBigUInt64LE(BigInt(body.length), 4);
    return Buffer.concat([header, body]);
  };
  const head = Buffer.alloc(12);
  head.write("wtns", 0, "latin1");
  head.writeUInt32LE(2, 4);
  head.writeUInt32LE(2, 8);
  const count = Buffer.alloc(4);
  count.writeUInt32LE(witness.length, 0);
  const n8Buffer = Buffer.alloc(4);
  n8Buffer.writeUInt32LE(n8, 0);
  await writeFile(
    path,
    Buffer.concat([
      head,
      section(1, Buffer.concat([n8Buffer, littleEndian(FIELD_MODULUS), count])),
      section(2, Buffer.concat(witness.map(word))),
    ]),
  );
}
