// circomlibjs ships no types; this covers the part @convergence/zk uses.
declare module "circomlibjs" {
  export type PoseidonField = {
    toObject(element: Uint8Array): bigint;
    e(value: bigint | number | string): Uint8Array;
  };
  export type Poseidon = ((inputs: readonly (bigint | Uint8Array)[]) => Uint8Array) & { F: PoseidonField };
  export function buildPoseidon(): Promise<Poseidon>;
}
