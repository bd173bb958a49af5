import { describe, expect, it } from "vitest";
import { InvalidSaltError } from "../errors/commitment.ts";
import { ValueOutOfRangeError } from "../errors/fixedPoint.ts";
import { FIELD_MODULUS } from "../fixedPoint/constants.ts";
import { commitInput } from "./commitInput.ts";
import { getPoseidon } from "./getPoseidon.ts";
import { packValues } from "./packValues.ts";

describe("commitInput", () => {
  const input = [256n, -512n, 0n, 32767n, -32768n, 1n, -1n, 100n];

  it("hashes the count, the packed input and the salt", async () => {
    const poseidon = await getPoseidon();
    const [word] = packValues({ values: input });
    const expected = poseidon.F.toObject(poseidon([8n, word as bigint, 99n]));
    expect(await commitInput({ input, salt: 99n })).toBe(expected);
  });

  it("hides the input behind the salt", async () => {
    expect(await commitInput({ input, salt: 1n })).not.toBe(await commitInput({ input, salt: 2n }));
  });

  it("refuses a salt outside the field and an out-of-range input", async () => {
    await expect(commitInput({ input, salt: FIELD_MODULUS })).rejects.toThrowError(InvalidSaltError);
    await expect(commitInput({ input, salt: -1n })).rejects.toThrowError(InvalidSaltError);
    await expect(commitInput({ input: [0n, 65536n], salt: 1n })).rejects.toThrowError(ValueOutOfRangeError);
    await expect(commitInput({ input: [], salt: 1n })).rejects.toThrowError(/at least one value/);
  });
});
