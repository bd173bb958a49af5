import { inferenceEscrowAbi } from "@convergence/contracts";
import type { Groth16Calldata } from "@convergence/zk";
import type { Abi, Address, Hash } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { simulateAndSend } from "../../internal/simulateAndSend.ts";

export type SendFulfillJobParameters = {
  /** The worker's agent wallet: it sends the proof and is paid. */
  client: WriteClient;
  escrow: Address;
  jobId: bigint;
  /** The worker's ERC-8004 agent id; `client`'s account must be its agent wallet. */
  workerAgentId: bigint;
  /**
   * The proof as `@convergence/zk`'s `prove` returns it (snarkjs' own export, B's coordinates already in the
   * verifier's order); its public signals are [modelCommitment, inputCommitment, binding, outputs...].
   */
  calldata: Groth16Calldata;
};

export type SendFulfillJobReturnType = { hash: Hash };

const UINT256_LIMIT = 1n << 256n;

/**
 * Simulates `InferenceEscrow.fulfill` and sends it, returning the transaction hash without waiting for the receipt:
 * for a caller that records the transaction before waiting for it (the worker, so that a restart finds it). A proof
 * that would not be accepted throws ContractRevertError with the contract's reason (e.g.
 * InferenceAttestorBindingMismatch) and sends nothing. `fulfillJob` also waits and decodes the attestation.
 *
 * @example
 * const { calldata } = await prove({ model, input, salt, binding });
 * const { hash } = await sendFulfillJob({ client, escrow, jobId, workerAgentId, calldata });
 */
export async function sendFulfillJob({
  client,
  escrow,
  jobId,
  workerAgentId,
  calldata,
}: SendFulfillJobParameters): Promise<SendFulfillJobReturnType> {
  const { pA, pB, pC, pubSignals } = calldata;
  for (const [name, values] of [
    ["calldata.pA", pA],
    ["calldata.pB[0]", pB[0]],
    ["calldata.pB[1]", pB[1]],
    ["calldata.pC", pC],
    ["calldata.pubSignals", pubSignals],
  ] as const) {
    const index = values.findIndex((value) => value < 0n || value >= UINT256_LIMIT);
    if (index >= 0) {
      throw new InvalidParameterError({
        parameter: `${name}[${index}]`,
        value: values[index],
        expected: "an unsigned 256-bit integer, as @convergence/zk's prove returns it",
      });
    }
  }
  const { hash } = await simulateAndSend({
    client,
    contract: "InferenceEscrow",
    address: escrow,
    abi: inferenceEscrowAbi as Abi,
    functionName: "fulfill",
    args: [jobId, workerAgentId, pA, pB, pC, pubSignals],
  });
  return { hash };
}
