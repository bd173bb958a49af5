import { readBinSections } from "../files/readBinSections.ts";
import { readFieldElement } from "../files/readFieldElement.ts";

export type ReadR1csInfoParameters = { path: string };
export type ReadR1csInfoReturnType = {
  prime: bigint;
  wires: number;
  publicOutputs: number;
  publicInputs: number;
  privateInputs: number;
  constraints: number;
};

/**
 * Reads an r1cs file's header (counts of wires, signals, constraints) without loading the
 * constraints or starting snarkjs' curve threads.
 *
 * @example
 * (await readR1csInfo({ path: circuit.r1cs })).constraints
 */
export async function readR1csInfo({ path }: ReadR1csInfoParameters): Promise<ReadR1csInfoReturnType> {
  const { sections } = await readBinSections({ path, magic: "r1cs", load: [1] });
  const body = sections.get(1)?.data as Buffer;
  const n8 = body.readUInt32LE(0);
  let offset = 4 + n8;
  const u32 = () => {
    const value = body.readUInt32LE(offset);
    offset += 4;
    return value;
  };
  const prime = readFieldElement({ buffer: body, offset: 4, n8 });
  const wires = u32();
  const publicOutputs = u32();
  const publicInputs = u32();
  const privateInputs = u32();
  offset += 8; // labels (u64)
  return { prime, wires, publicOutputs, publicInputs, privateInputs, constraints: u32() };
}
