import { agentRegistryAbi } from "@convergence/contracts";
import { type Address, bytesToHex, type Hex, recoverMessageAddress, zeroAddress } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { WorkerIdentityMismatchError, WorkerInvalidAnswerError } from "../../errors/worker.ts";
import { decodeRevert } from "../../utils/decodeRevert.ts";
import { getWorkerModels, type WorkerModel } from "./getWorkerModels.ts";
import { workerIdentityMessage } from "./workerIdentityMessage.ts";

export type VerifyWorkerIdentityParameters = {
  client: ReadClient;
  /** The AgentRegistry the job's escrow reads (InferenceEscrow.agentRegistry). */
  agentRegistry: Address;
  workerUrl: string;
  /** The challenge to send; default 32 fresh random bytes. Tests pass their own. */
  challenge?: Hex;
  timeoutMs?: number;
};

export type VerifyWorkerIdentityReturnType = {
  /** The agent the worker advertises and proved it is. */
  agentId: bigint;
  /** That agent's wallet in the AgentRegistry, which signed the challenge. */
  wallet: Address;
  /** The worker's GET /v1/models answer, read with the challenge. */
  models: WorkerModel[];
};

/**
 * Reads a worker's models with a fresh challenge and checks that the agent it advertises is the one that signed it:
 * the signature of `workerIdentityMessage` (chain, AgentRegistry, agent id, challenge) must recover to
 * `AgentRegistry.getAgentWallet(agentId)`. Call it before reserving a job for the advertised agent: a worker that names
 * another agent would take the input and leave the job to an agent that never sees it.
 *
 * @throws WorkerIdentityMismatchError the signer is not the advertised agent's wallet (or the agent has none, or does
 *   not exist).
 * @throws WorkerInvalidAnswerError no agent id, agents that disagree, no signature over this challenge, or one that
 *   does not recover.
 *
 * @example
 * const { agentId, models } = await verifyWorkerIdentity({ client, agentRegistry, workerUrl: "http://127.0.0.1:8080" });
 */
export async function verifyWorkerIdentity({
  client,
  agentRegistry,
  workerUrl,
  challenge = bytesToHex(crypto.getRandomValues(new Uint8Array(32))),
  timeoutMs,
}: VerifyWorkerIdentityParameters): Promise<VerifyWorkerIdentityReturnType> {
  if (!/^0x[0-9a-fA-F]{64}$/.test(challenge)) {
    throw new InvalidParameterError({ parameter: "challenge", value: challenge, expected: "0x and 32 bytes of hex" });
  }
  const models = await getWorkerModels({ workerUrl, challenge, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  const url = new URL("/v1/models", workerUrl).toString();
  const agentIds = new Set(models.map((model) => model.agentId));
  const [advertised] = agentIds;
  if (agentIds.size !== 1 || advertised === undefined) {
    throw new WorkerInvalidAnswerError({
      url,
      field: "models[].agentId",
      expected: "one ERC-8004 agent id on every model",
    });
  }
  const signatures = new Set(models.map((model) => model.identity?.signature));
  const [signature] = signatures;
  if (
    signatures.size !== 1 ||
    signature === undefined ||
    models.some((model) => model.identity?.challenge.toLowerCase() !== challenge.toLowerCase())
  ) {
    throw new WorkerInvalidAnswerError({
      url,
      field: "models[].identity",
      expected: `the worker's signature over this request's challenge ${challenge} (a worker from before the identity check cannot prove which agent it is: pass the agent id yourself)`,
    });
  }
  const agentId = BigInt(advertised);
  const chainId = await client.getChainId();
  const message = workerIdentityMessage({ chainId, agentRegistry, agentId, challenge });
  const signer = await recoverMessageAddress({ message, signature }).catch(() => {
    throw new WorkerInvalidAnswerError({
      url,
      field: "models[].identity.signature",
      expected: "a valid EIP-191 signature",
    });
  });
  const wallet = await client
    .readContract({ address: agentRegistry, abi: agentRegistryAbi, functionName: "getAgentWallet", args: [agentId] })
    .catch((error: unknown) => {
      if (decodeRevert(error).errorName !== "ERC721NonexistentToken") throw error;
      return zeroAddress;
    });
  if (wallet === zeroAddress || wallet.toLowerCase() !== signer.toLowerCase()) {
    throw new WorkerIdentityMismatchError({
      workerUrl,
      agentId,
      wallet: wallet === zeroAddress ? undefined : wallet,
      signer,
    });
  }
  return { agentId, wallet, models };
}
