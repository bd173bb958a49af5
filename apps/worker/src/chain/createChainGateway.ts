import { inferenceAttestorAbi, inferenceEscrowAbi, modelRegistryAbi } from "@convergence/contracts";
import type { ReadClient, WriteClient } from "@convergence/sdk";
import { type Abi, type Address, ContractFunctionRevertedError, type Hex, BaseError as ViemError } from "viem";
import { JobFailedError } from "../errors/jobs.ts";
import type { ChainGateway, OnChainJob, OnChainStatus } from "./types.ts";

export type CreateChainGatewayParameters = {
  publicClient: ReadClient;
  /** The agent wallet's client: it sends fulfil and is paid. */
  walletClient: WriteClient;
  escrow: Address;
  agentId: bigint;
  /** Receipt wait before a fulfil is treated as not landed (retried after checking the escrow). Default 120 s. */
  receiptTimeoutMs?: number;
};

export type CreateChainGatewayReturnType = ChainGateway;

const STATUS: OnChainStatus[] = ["none", "open", "fulfilled", "refunded"];

/** Fulfil reverts can come from the escrow, the attestor it calls, or the registry the attestor reads. */
const fulfillAbi = [
  ...inferenceEscrowAbi,
  ...inferenceAttestorAbi.filter((item) => item.type === "error"),
  ...modelRegistryAbi.filter((item) => item.type === "error"),
] as Abi;

/**
 * The worker's view of the InferenceEscrow: reads a job with the chain's time, and sends `fulfill` from the agent
 * wallet. Sends go one at a time (one account, one nonce sequence) and are simulated first, so a revert is reported
 * by its custom error name (e.g. InferenceEscrowJobExpired) before any gas is spent.
 *
 * @example
 * const chain = createChainGateway({ publicClient, walletClient, escrow, agentId });
 * const hash = await chain.sendFulfill({ jobId, calldata });
 */
export function createChainGateway({
  publicClient,
  walletClient,
  escrow,
  agentId,
  receiptTimeoutMs = 120_000,
}: CreateChainGatewayParameters): CreateChainGatewayReturnType {
  let sending: Promise<unknown> = Promise.resolve();

  return {
    chainId: walletClient.chain.id,
    escrow,
    workerAddress: walletClient.account.address,
    agentId,

    async readJob(jobId) {
      const [count, block] = await Promise.all([
        publicClient.readContract({ address: escrow, abi: inferenceEscrowAbi, functionName: "jobCount" }),
        publicClient.getBlock({ blockTag: "latest" }),
      ]);
      if (jobId === 0n || jobId > count) return undefined;
      const job = await publicClient.readContract({
        address: escrow,
        abi: inferenceEscrowAbi,
        functionName: "getJob",
        args: [jobId],
      });
      const record: OnChainJob = {
        job: {
          jobId,
          modelId: job.modelId,
          requester: job.requester,
          inputCommitment: job.inputCommitment,
          amount: job.amount,
          deadline: job.deadline,
          // Once fulfilled, the struct names the agent that did; the stored job keeps the one reserved at opening.
          workerAgentId: job.status === 1 ? job.workerAgentId : 0n,
          openedBlock: undefined,
          openedTx: undefined,
        },
        status: STATUS[job.status] ?? "none",
        workerAgentId: job.workerAgentId,
        chainTime: block.timestamp,
      };
      return record;
    },

    sendFulfill({ jobId, calldata }) {
      const send = async (): Promise<Hex> => {
        let request: unknown;
        try {
          ({ request } = await walletClient.simulateContract({
            address: escrow,
            abi: fulfillAbi,
            functionName: "fulfill",
            args: [jobId, agentId, calldata.a, calldata.b, calldata.c, calldata.signals],
            account: walletClient.account,
          }));
        } catch (error) {
          const revert =
            error instanceof ViemError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : null;
          if (revert instanceof ContractFunctionRevertedError) {
            const name = revert.data?.errorName ?? revert.reason ?? "an unknown reason";
            const args = (revert.data?.args ?? []).map(String).join(", ");
            throw new JobFailedError({
              code: "FULFILL_REVERTED",
              message: `InferenceEscrow.fulfill for job ${jobId} would revert: ${name}(${args}).`,
              cause: error,
            });
          }
          throw error;
        }
        return walletClient.writeContract(request as never);
      };
      const result = sending.then(send, send);
      sending = result.catch(() => undefined);
      return result;
    },

    async waitForReceipt(hash) {
      const receipt = await publicClient.waitForTransactionReceipt({ hash, timeout: receiptTimeoutMs });
      return { status: receipt.status, blockNumber: receipt.blockNumber };
    },
  };
}
