import {
  ContractRevertError,
  decodeRevert,
  getJob,
  type ReadClient,
  sendFulfillJob,
  type WriteClient,
} from "@convergence/sdk";
import type { Address, Hex } from "viem";
import { JobFailedError } from "../errors/jobs.ts";
import type { ChainGateway } from "./types.ts";

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

/**
 * The worker's view of the InferenceEscrow, through the SDK: reads a job (getJob) with the chain's time (the latest
 * block's timestamp: nodes simulate fulfil on the latest block, so a window or a deadline counts as passed once a block
 * past it exists, as the requester's failover judges it too), and sends
 * `fulfill` (sendFulfillJob) from the agent wallet. Sends go one at a time (one account, one nonce sequence) and are
 * simulated first, so a revert is reported by its custom error name (e.g. InferenceEscrowJobExpired) before any gas
 * is spent.
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
      const [job, block] = await Promise.all([
        getJob({ client: publicClient, escrow, jobId }),
        publicClient.getBlock({ blockTag: "latest" }),
      ]);
      return { job, chainTime: block.timestamp };
    },

    sendFulfill({ jobId, calldata }) {
      const send = async (): Promise<Hex> => {
        try {
          const { hash } = await sendFulfillJob({
            client: walletClient,
            escrow,
            jobId,
            workerAgentId: agentId,
            calldata,
          });
          return hash;
        } catch (error) {
          // Only a revert fails the job; a simulation that could not run (the node unreachable) is retried.
          const revert = error instanceof ContractRevertError ? decodeRevert(error.cause) : undefined;
          if (revert?.reverted) {
            throw new JobFailedError({
              code: "FULFILL_REVERTED",
              message: `InferenceEscrow.fulfill for job ${jobId} would revert: ${revert.summary}.`,
              cause: error,
            });
          }
          throw error;
        }
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
