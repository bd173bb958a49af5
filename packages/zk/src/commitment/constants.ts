/**
 * The packed Poseidon commitment scheme, shared by the TypeScript commitments and the circuit
 * (`circuits/lib/commitment.circom`). Change it in both places or nowhere.
 *
 * - Each signed 16-bit value v is offset to u = v + 2^15 in [0, 2^16).
 * - PACK_VALUES_PER_WORD consecutive u's pack little-endian into one field element:
 *   word = u_0 + u_1 * 2^16 + ... + u_14 * 2^224 (240 bits, far below the 254-bit field, so the
 *   unpacking is unique). The last word may hold fewer values.
 * - Sponge: state = count (the number of values), then for each run of up to SPONGE_RATE words,
 *   state = Poseidon([state, ...run]). The commitment is the final state.
 */
export const PACK_VALUE_BITS = 16;
export const PACK_VALUES_PER_WORD = 15;
export const PACK_OFFSET = 1n << BigInt(PACK_VALUE_BITS - 1);
/** Words absorbed per Poseidon call: circomlib's Poseidon takes at most 16 inputs, one is the state. */
export const SPONGE_RATE = 15;
