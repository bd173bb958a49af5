import { inferenceEscrowAbi, usdcAbi } from "@convergence/contracts";
import { openJob } from "@convergence/sdk";
import { commitInput, randomSalt } from "@convergence/zk";
import type { Address } from "viem";
import type { Devnet } from "../helpers/startDevnet.ts";

/**
 * The parties of the adversarial suite, as devnet account indexes. 0, 1, 2 and 3 are the roles the stack names
 * (requester, agent, worker, publisher); 4 is the funded attacker; 5 and 6 are strangers with ETH but no USDC.
 */
export const PARTY = {
  requester: 0,
  agent: 1,
  worker: 2,
  publisher: 3,
  attacker: 4,
  stranger: 5,
  squatter: 6,
} as const;

/** An address's devnet USDC balance, in base units (6 decimals). */
export function usdcOf(devnet: Devnet, address: Address): Promise<bigint> {
  return devnet.publicClient.readContract({
    address: devnet.deployment.contracts.USDC,
    abi: usdcAbi,
    functionName: "balanceOf",
    args: [address],
  });
}

/** How many jobs the escrow has opened (job ids run 1..jobCount). */
export function jobCount(devnet: Devnet): Promise<bigint> {
  return devnet.publicClient.readContract({
    address: devnet.deployment.contracts.InferenceEscrow,
    abi: inferenceEscrowAbi,
    functionName: "jobCount",
  });
}

/** One JSON-RPC call to the devnet's Hardhat node (its evm_* methods, which viem's clients do not wrap). */
export async function rpc(devnet: Devnet, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(devnet.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method} failed: ${body.error.message}`);
  return body.result;
}

/**
 * Runs `body` with automining off, so the transactions sent meanwhile wait in the node's mempool (a fulfil that is
 * sent but not yet mined), then mines them and turns automining back on, even if `body` throws.
 */
export async function withAutomineOff<T>(devnet: Devnet, body: () => Promise<T>): Promise<T> {
  await rpc(devnet, "evm_setAutomine", [false]);
  try {
    return await body();
  } finally {
    await rpc(devnet, "evm_setAutomine", [true]);
    await rpc(devnet, "evm_mine");
  }
}

/** Polls `read` every `intervalMs` until `done` holds for its value; throws naming `what` after `timeoutMs`. */
export async function waitUntil<T>({
  read,
  done,
  what,
  timeoutMs,
  intervalMs = 100,
}: {
  read: () => Promise<T>;
  done: (value: T) => boolean;
  what: string;
  timeoutMs: number;
  intervalMs?: number;
}): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until)
      throw new Error(`${what}: not within ${timeoutMs / 1000} s; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Opens an escrow job with the SDK as any holder of USDC can (no worker asked, no pin checked): a random salt, a
 * permit, a deadline `deadlineIn` seconds after the latest block. Returns what delivering the input needs.
 */
export async function openRawJob({
  devnet,
  party,
  modelId,
  input,
  amount,
  deadlineIn = 600n,
  workerAgentId,
}: {
  devnet: Devnet;
  party: number;
  modelId: bigint;
  input: readonly bigint[];
  amount: bigint;
  deadlineIn?: bigint;
  workerAgentId?: bigint;
}): Promise<{ jobId: bigint; salt: bigint; input: readonly bigint[] }> {
  const salt = randomSalt();
  const { timestamp } = await devnet.publicClient.getBlock();
  const { jobId } = await openJob({
    client: devnet.wallets[party]!,
    escrow: devnet.deployment.contracts.InferenceEscrow,
    modelId,
    inputCommitment: await commitInput({ input, salt }),
    amount,
    deadline: timestamp + deadlineIn,
    payment: "permit",
    ...(workerAgentId === undefined ? {} : { workerAgentId }),
  });
  return { jobId, salt, input };
}

/** The error a promise rejects with, or a failure naming what was expected if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(
        `expected a rejection, got ${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}` : v))}`,
      );
    },
    (error: unknown) => error,
  );
}
