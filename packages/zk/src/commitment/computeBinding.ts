import { type Address, encodeAbiParameters, hexToBigInt, keccak256 } from "viem";
import { FIELD_MODULUS } from "../fixedPoint/constants.ts";

export type ComputeBindingParameters = {
  chainId: bigint | number;
  /** The InferenceEscrow contract the job lives in. */
  escrow: Address;
  jobId: bigint;
  /** The worker that proves and is paid. */
  worker: Address;
};
export type ComputeBindingReturnType = bigint;

/**
 * The `binding` public signal that ties a proof to one job and one worker, so it cannot be replayed
 * for another job or claimed by another worker:
 *
 *   binding = uint256(keccak256(abi.encode(uint256 chainId, address escrow, uint256 jobId, address worker))) % r
 *
 * where r is the BN254 scalar field modulus. The Solidity attestor recomputes it as
 * `uint256(keccak256(abi.encode(block.chainid, address(this or escrow), jobId, worker))) % r`.
 *
 * @example
 * computeBinding({ chainId: 31337, escrow, jobId: 1n, worker })
 */
export function computeBinding({ chainId, escrow, jobId, worker }: ComputeBindingParameters): ComputeBindingReturnType {
  const encoded = encodeAbiParameters(
    [{ type: "uint256" }, { type: "address" }, { type: "uint256" }, { type: "address" }],
    [BigInt(chainId), escrow, jobId, worker],
  );
  return hexToBigInt(keccak256(encoded)) % FIELD_MODULUS;
}
