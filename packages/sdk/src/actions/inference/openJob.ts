import { inferenceEscrowAbi } from "@convergence/contracts";
import {
  type Abi,
  type Address,
  encodeFunctionData,
  erc20Abi,
  type Hash,
  type Hex,
  type LocalAccount,
  parseEventLogs,
  type TransactionReceipt,
} from "viem";
import type { WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import { signPermit } from "../tokens/signPermit.ts";

/**
 * An account that sends batches of calls, e.g. an EIP-7702 AgentAccount driven by a session key (`executeAsSession`):
 * `address` is the account (the job's requester), `send` runs the calls in one transaction and waits for its receipt.
 */
export type CallBatchSender = {
  address: Address;
  send: (
    calls: readonly { to: Address; value?: bigint; data: Hex }[],
  ) => Promise<{ hash: Hash; receipt: TransactionReceipt }>;
};

export type OpenJobParameters = {
  client: WriteClient;
  /** The InferenceEscrow (deployment.contracts.InferenceEscrow). */
  escrow: Address;
  modelId: bigint;
  /** Poseidon commitment of the quantized input and a salt (`commitInput` in @convergence/zk). */
  inputCommitment: bigint;
  /** Payment in token base units (USDC: 6 decimals, so 2_000_000n is 2 USDC). */
  amount: bigint;
  /** Unix seconds until which a worker may fulfil the job; after it, the payment can be refunded. */
  deadline: bigint;
  /** Reserve the job for one agent (default 0n: any registered agent). */
  workerAgentId?: bigint;
  /**
   * With `workerAgentId`: the last unix second of its exclusive window, after which any registered agent may fulfil
   * the job (failover) until `deadline`; after the current time and at most `deadline`. Default: `deadline` when
   * `workerAgentId` is set (reserved for the job's whole life), else 0n (the only value allowed without a worker).
   */
  exclusiveUntil?: bigint;
  /**
   * How the escrow gets the payment. "permit": sign an ERC-2612 permit and open in one transaction (needs a local
   * account, which can sign typed data without a node). "approve": approve first if the allowance is short, then
   * open. Default: "permit" for a local account, else "approve".
   */
  payment?: "permit" | "approve";
  /** Unix seconds the permit stays valid (default: 10 minutes after the latest block). */
  permitDeadline?: bigint;
  /**
   * Open from this account instead of `client`'s (which then only reads): approve exactly `amount` and open in one
   * batch. A session key cannot sign the account's permit, and an account that refuses approvals left standing
   * (AgentAccountApprovalNotConsumed) accepts this one, spent by the open in the same batch. `payment` is ignored.
   */
  batch?: CallBatchSender;
};

export type OpenJobReturnType = {
  jobId: bigint;
  hash: Hash;
  receipt: TransactionReceipt;
  /** The approve transaction, when one was needed. */
  approveHash?: Hash;
};

/**
 * Opens an inference job: locks `amount` of the escrow's token (devnet USDC) for one proven inference of `modelId`
 * over the committed input, to be fulfilled by `deadline`, by `workerAgentId` alone until `exclusiveUntil` and by any
 * registered agent after it.
 *
 * @example
 * const { jobId } = await openJob({ client, escrow, modelId: 1n, inputCommitment, amount: 2_000_000n, deadline });
 */
export async function openJob({
  client,
  escrow,
  modelId,
  inputCommitment,
  amount,
  deadline,
  workerAgentId = 0n,
  exclusiveUntil = workerAgentId === 0n ? 0n : deadline,
  payment,
  permitDeadline,
  batch,
}: OpenJobParameters): Promise<OpenJobReturnType> {
  if (amount <= 0n) {
    throw new InvalidParameterError({
      parameter: "amount",
      value: amount,
      expected: "a positive amount in base units",
    });
  }
  if (batch) {
    const token = await client.readContract({ address: escrow, abi: inferenceEscrowAbi, functionName: "token" });
    const result = await batch.send([
      { to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [escrow, amount] }) },
      {
        to: escrow,
        data: encodeFunctionData({
          abi: inferenceEscrowAbi,
          functionName: "openJob",
          args: [modelId, inputCommitment, amount, deadline, workerAgentId, exclusiveUntil],
        }),
      },
    ]);
    return { jobId: openedJobId(result.receipt), ...result };
  }
  const account = client.account;
  const local = account.type === "local" ? (account as LocalAccount) : undefined;
  const mode = payment ?? (local ? "permit" : "approve");
  if (mode === "permit" && !local) {
    throw new InvalidParameterError({
      parameter: "payment",
      value: "permit",
      expected: 'a local account (private key or mnemonic) to sign the permit, or payment: "approve"',
    });
  }
  const token = await client.readContract({ address: escrow, abi: inferenceEscrowAbi, functionName: "token" });
  const open = { client, contract: "InferenceEscrow", address: escrow, abi: inferenceEscrowAbi as Abi } as const;
  const terms = [modelId, inputCommitment, amount, deadline, workerAgentId, exclusiveUntil] as const;

  let result: { hash: Hash; receipt: TransactionReceipt };
  let approveHash: Hash | undefined;
  if (mode === "permit" && local) {
    const validUntil = permitDeadline ?? (await client.getBlock()).timestamp + 600n;
    const permit = await signPermit({
      client,
      token,
      owner: local,
      spender: escrow,
      value: amount,
      deadline: validUntil,
    });
    result = await writeContractAndWait({
      ...open,
      functionName: "openJobWithPermit",
      args: [...terms, permit.deadline, permit.v, permit.r, permit.s],
    });
  } else {
    const allowance = await client.readContract({
      address: token,
      abi: erc20Abi,
      functionName: "allowance",
      args: [account.address, escrow],
    });
    if (allowance < amount) {
      ({ hash: approveHash } = await writeContractAndWait({
        client,
        contract: "USDC",
        address: token,
        abi: erc20Abi as Abi,
        functionName: "approve",
        args: [escrow, amount],
      }));
    }
    result = await writeContractAndWait({ ...open, functionName: "openJob", args: terms });
  }
  return { jobId: openedJobId(result.receipt), ...result, ...(approveHash ? { approveHash } : {}) };
}

function openedJobId(receipt: TransactionReceipt): bigint {
  const [opened] = parseEventLogs({ abi: inferenceEscrowAbi, eventName: "JobOpened", logs: receipt.logs });
  if (!opened) throw new Error("unreachable: openJob succeeded without a JobOpened event");
  return opened.args.jobId;
}
