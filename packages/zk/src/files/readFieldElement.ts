/**
 * A little-endian unsigned integer of `n8` bytes at `offset`: how iden3's binary files store field
 * elements and primes.
 *
 * @example
 * readFieldElement({ buffer, offset: 4, n8: 32 })
 */
export function readFieldElement({ buffer, offset, n8 }: { buffer: Buffer; offset: number; n8: number }): bigint {
  let value = 0n;
  for (let i = n8 - 1; i >= 0; i--) value = (value << 8n) + BigInt(buffer[offset + i] as number);
  return value;
}
