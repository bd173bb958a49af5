import { inferenceAttestorAbi, inferenceEscrowAbi } from "@convergence/contracts";
import { type Abi, type Address, type Hash, type Hex, parseEventLogs, type TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import type { Numeric } from "./types.ts";

type Pair = readonly [Numeric, Numeric];

export type FulfillJobParameters = {
  /** The worker's agent wallet: it sends the proof and is paid. */
  client: WriteClient;
  escrow: Address;
  jobId: bigint;
  /** The worker's ERC-8004 agent id; `client`'s account must be its agent wallet. */
  workerAgentId: bigint;
  /** snarkjs `exportSolidityCallData`, unchanged: A, B (G2 coordinates already in the verifier's order), C. */
  a: Pair;
  b: readonly [Pair, Pair];
  c: Pair;
  /** The public signals: [modelCommitment, inputCommitment, binding, outputs...]. */
  signals: readonly Numeric[];
};

export type FulfillJobReturnType = {
  /** The attested outputs, signed. */
  outputs: bigint[];
  /** The ERC-8004 validation request the attestor answered with 100. */
  validationRequestHash: Hex;
  hash: Hash;
  receipt: TransactionReceipt;
};

/**
 * Submits a worker's proof for a job: the attestor verifies it on-chain, records the attestation and answers its
 * ERC-8004 validation, and the escrow pays the worker. The call is simulated first, so a proof that would not be
 * accepted is reported with the contract's reason (e.g. InferenceAttestorBindingMismatch) and costs no gas.
 *
 * @example
 * const [a, b, c, signals] = JSON.parse(`[${await groth16.exportSolidityCallData(proof, publicSignals)}]`);
 * const { outputs } = await fulfillJob({ client, escrow, jobId, workerAgentId, a, b, c, signals });
 */
export async function fulfillJob({
  client,
  escrow,
  jobId,
  workerAgentId,
  a,
  b,
  c,
  signals,
}: FulfillJobParameters): Promise<FulfillJobReturnType> {
  const args = [
    jobId,
    workerAgentId,
    pair(a, "a"),
    [pair(b[0], "b[0]"), pair(b[1], "b[1]")],
    pair(c, "c"),
    signals.map((value, index) => toUint(value, `signals[${index}]`)),
  ] as const;
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: "InferenceEscrow",
    address: escrow,
    abi: inferenceEscrowAbi as Abi,
    functionName: "fulfill",
    args,
  });
  const [attested] = parseEventLogs({ abi: inferenceAttestorAbi, eventName: "InferenceAttested", logs: receipt.logs });
  if (!attested) throw new Error("unreachable: fulfill succeeded without an InferenceAttested event");
  return {
    outputs: [...attested.args.outputs],
    validationRequestHash: attested.args.validationRequestHash,
    hash,
    receipt,
  };
}

function pair(value: Pair | undefined, name: string): readonly [bigint, bigint] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new InvalidParameterError({ parameter: name, value: String(value), expected: "two numbers" });
  }
  return [toUint(value[0], `${name}[0]`), toUint(value[1], `${name}[1]`)];
}

function toUint(value: Numeric, name: string): bigint {
  let parsed: bigint;
  try {
    parsed = BigInt(value);
  } catch {
    parsed = -1n;
  }
  if (parsed < 0n || parsed >= 1n << 256n) {
    throw new InvalidParameterError({
      parameter: name,
      value,
      expected: "an unsigned 256-bit integer (bigint, or a decimal or 0x-hex string as snarkjs prints it)",
    });
  }
  return parsed;
}
