import { inferenceEscrowAbi } from "@convergence/contracts";
import { type Groth16Calldata, type ProofFromCalldataReturnType, proofFromCalldata } from "@convergence/zk";
import { decodeFunctionData, type Hash, isAddressEqual, type PublicClient } from "viem";
import type { DashboardConfig } from "../config/dashboardConfig.ts";

export type ReadOnChainProofReturnType = ProofFromCalldataReturnType & {
  calldata: Groth16Calldata;
  transactionHash: Hash;
  workerAgentId: bigint;
};

/**
 * The proof that settled a job, as the chain carries it: the JobFulfilled event's transaction, its calldata decoded
 * against the escrow's ABI (`fulfill(jobId, workerAgentId, a, b, c, signals)`), turned back into snarkjs' proof format.
 * Nothing comes from the worker. Throws when the job is not fulfilled, or was fulfilled through another contract (its
 * calldata is then not a direct `fulfill` call).
 *
 * @example
 * const { proof, publicSignals } = await readOnChainProof({ client, config, jobId: 3n });
 */
export async function readOnChainProof({
  client,
  config,
  jobId,
}: {
  client: PublicClient;
  config: DashboardConfig;
  jobId: bigint;
}): Promise<ReadOnChainProofReturnType> {
  const escrow = config.contracts.InferenceEscrow;
  if (!escrow) throw new Error("nothing deployed: no InferenceEscrow in the configuration");
  const [fulfilled] = await client.getContractEvents({
    address: escrow,
    abi: inferenceEscrowAbi,
    eventName: "JobFulfilled",
    args: { jobId },
    fromBlock: BigInt(config.fromBlock),
    strict: true,
  });
  if (!fulfilled) throw new Error(`job ${jobId} is not fulfilled: there is no proof on the chain yet`);
  const transaction = await client.getTransaction({ hash: fulfilled.transactionHash });
  if (!transaction.to || !isAddressEqual(transaction.to, escrow)) {
    throw new Error(
      `job ${jobId} was fulfilled through ${transaction.to ?? "a contract creation"}, not a direct call to the escrow: its proof is not in the transaction's own calldata`,
    );
  }
  const call = decodeFunctionData({ abi: inferenceEscrowAbi, data: transaction.input });
  if (call.functionName !== "fulfill") {
    throw new Error(`transaction ${fulfilled.transactionHash} calls ${call.functionName}, not fulfill`);
  }
  const [callJobId, workerAgentId, a, b, c, signals] = call.args;
  if (callJobId !== jobId)
    throw new Error(`transaction ${fulfilled.transactionHash} fulfils job ${callJobId}, not ${jobId}`);
  const calldata: Groth16Calldata = { pA: a, pB: b, pC: c, pubSignals: signals };
  return { ...proofFromCalldata(calldata), calldata, transactionHash: fulfilled.transactionHash, workerAgentId };
}
