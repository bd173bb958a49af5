import { buildPoseidon, type Poseidon } from "circomlibjs";

let poseidon: Promise<Poseidon> | undefined;

/**
 * circomlibjs' Poseidon (the same permutation and constants as circomlib's circuit), built once per
 * process. It runs single-threaded in WebAssembly, so nothing needs terminating at exit.
 *
 * @example
 * const hash = await getPoseidon();
 * hash.F.toObject(hash([1n, 2n]))
 */
export function getPoseidon(): Promise<Poseidon> {
  poseidon ??= buildPoseidon();
  return poseidon;
}
