import { loadModelPin } from "@convergence/models";
import {
  type CallBatchSender,
  type ReadClient,
  type RequestInferenceStep,
  requestInference,
  verifyWorkerIdentity,
  WorkerInvalidAnswerError,
  type WriteClient,
} from "@convergence/sdk";
import { type Address, formatUnits, toHex } from "viem";
import { toBaseUnits } from "../chain/toBaseUnits.ts";
import { InferenceUnavailableError } from "../errors/inference.ts";
import { decodeRiskOutput } from "./decodeRiskOutput.ts";
import { normalizeSubject } from "./normalizeSubject.ts";
import { readRiskInput } from "./readRiskInput.ts";

export type RequestRiskInferenceParameters = {
  publicClient: ReadClient;
  walletClient: WriteClient;
  /** Buy from this account through its session key (approve + open batches; see the SDK's requestInference). */
  requester?: CallBatchSender;
  contracts: {
    Pool: Address;
    WETH: Address;
    USDC: Address;
    /** The AgentRegistry the escrow reserves jobs through: the worker proves it is the agent it names there. */
    AgentRegistry: Address;
    InferenceEscrow?: Address;
    InferenceAttestor?: Address;
    /** The market's registries (workers' feedback and validations): needed when no worker is named. */
    ReputationRegistry?: Address;
    ValidationRegistry?: Address;
  };
  /** The worker's HTTP API, e.g. http://127.0.0.1:8080: that worker only. Unset: the market chooses (see `market`). */
  workerUrl?: string | undefined;
  /** How the market chooses when no worker is named (SDK requestInference's market mode). */
  market?: {
    /** First block read for agents and jobs: the deployment's (default 0n). */
    fromBlock?: bigint;
    /** Clients whose feedback counts besides the agent's own (CONVERGENCE_TRUSTED_CLIENTS). */
    trustedClients?: readonly Address[];
    /** Least success rate, in percent, of a worker with trusted feedback (default 80). */
    reputationFloor?: number;
    /** Seconds each chosen worker has the job to itself before the next is tried (default 60). */
    exclusiveSeconds?: number;
  };
  /** Each step of the purchase (choose, open, deliver, attest, failover, feedback, refund), e.g. for progress lines. */
  onStep?: <T>(step: RequestInferenceStep, run: () => Promise<T>) => Promise<T>;
  model: string;
  subject: string;
  /** USDC whole units escrowed for the worker, e.g. "2". */
  maxPayment: string;
  /** Seconds the worker has to fulfil before the payment is refundable (default 600). */
  deadlineSeconds?: number;
  /** How long to wait for the attestation (default 5 minutes). */
  timeoutMs?: number;
};

/**
 * A zero-knowledge-verified risk score for a market: reads the pool's state (readMarketState), maps it
 * to the model's features (buildRiskFeatures) quantized at the manifest's scale, buys the proven
 * inference with the SDK's requestInference (the registration held against the model's pin from its
 * published release, loadModelPin; escrow paid with a permit, input delivered to the worker, attestation awaited) and
 * reads the attested logits as a risk level (decodeRiskOutput). The attestation id is the job id as 32-byte hex.
 * With `workerUrl`, that worker only: the job is reserved for its advertised agent once it signed a fresh challenge
 * with that agent's wallet (verifyWorkerIdentity). Without it, the open market: the workers serving the pinned model
 * are found through the AgentRegistry, the cheapest above the reputation floor is chosen (chooseWorker's rule), the
 * job pays its listed price (at most `maxPayment`; `paid` says what was paid) and is reserved for it for a window, the
 * next one at or below that price takes over if it does not prove in time, and each worker judged gets feedback; the result's `choice` says who was chosen, who proved it, and the feedback given.
 *
 * @example
 * const { risk, attestationId } = await requestRiskInference({ publicClient, walletClient, contracts, workerUrl,
 *   model: "risk-v1", subject: "WETH/USDC", maxPayment: "2" });
 */
export async function requestRiskInference({
  publicClient,
  walletClient,
  requester,
  contracts,
  workerUrl,
  market = {},
  onStep,
  model,
  subject,
  maxPayment,
  deadlineSeconds = 600,
  timeoutMs = 300_000,
}: RequestRiskInferenceParameters) {
  const pair = normalizeSubject({ subject });
  const { InferenceEscrow: escrow, InferenceAttestor: attestor } = contracts;
  if (!escrow || !attestor) {
    throw new InferenceUnavailableError({
      problem: "this deployment has no InferenceEscrow / InferenceAttestor.",
      fix: "Deploy the full stack (pnpm convergence deploy) and pass its addresses.",
    });
  }
  // What the answer must be proven under comes from this agent's own copy of the model (its published release, or
  // this machine's setup of it), never from the worker: the worker only names the registration id and its agent.
  const { manifest, pin } = await loadModelPin({ name: model });
  const named = workerUrl === undefined ? undefined : await namedWorker({ publicClient, contracts, workerUrl, model });
  if (workerUrl === undefined && (!contracts.ReputationRegistry || !contracts.ValidationRegistry)) {
    throw new InferenceUnavailableError({
      problem:
        "no worker is named (CONVERGENCE_WORKER_URL) and this deployment has no ReputationRegistry / ValidationRegistry to choose one from.",
      fix: "Name a worker with CONVERGENCE_WORKER_URL, or deploy the full stack (pnpm convergence deploy) and pass its addresses.",
    });
  }
  const { input, state } = await readRiskInput({ client: publicClient, contracts, manifest });
  const result = await requestInference({
    publicClient,
    walletClient,
    ...(requester === undefined ? {} : { requester }),
    escrow,
    pin,
    ...(named
      ? {
          workerUrl: named.workerUrl,
          modelId: named.modelId,
          workerAgentId: named.agentId,
          ...(named.minPrice === undefined ? {} : { workerMinPrice: named.minPrice }),
        }
      : {
          market: {
            contracts: {
              AgentRegistry: contracts.AgentRegistry,
              ReputationRegistry: contracts.ReputationRegistry!,
              ValidationRegistry: contracts.ValidationRegistry!,
            },
            modelName: model,
            ...(market.fromBlock === undefined ? {} : { fromBlock: market.fromBlock }),
            ...(market.trustedClients === undefined ? {} : { trustedClients: market.trustedClients }),
            ...(market.reputationFloor === undefined ? {} : { reputationFloor: market.reputationFloor }),
          },
          ...(market.exclusiveSeconds === undefined ? {} : { exclusiveSeconds: market.exclusiveSeconds }),
        }),
    ...(onStep === undefined ? {} : { onStep }),
    input,
    amount: toBaseUnits({ amount: maxPayment, symbol: "USDC" }),
    outputScales: manifest.scale,
    deadlineSeconds,
    // The market waits for its workers until the deadline (then refunds); a named worker gets `timeoutMs`.
    ...(named ? { timeoutMs } : {}),
  });
  const decoded = decodeRiskOutput({ logits: result.values, labels: manifest.labels });
  const proveMs = result.workerJob?.timings.proveMs;
  const { blockNumber: _b, timestamp: _t, ...marketState } = state;
  return {
    attestationId: toHex(result.jobId, { size: 32 }),
    jobId: result.jobId.toString(),
    model,
    subject: pair,
    risk: decoded.risk,
    score: decoded.score,
    probabilities: decoded.probabilities,
    outputs: result.outputs.map(String),
    verified: true as const,
    worker: result.attestation.worker,
    // What the job paid: the chosen worker's price in the market (at most maxPayment); maxPayment with a named worker.
    paid: formatUnits(result.paid, 6),
    market: marketState,
    ...(result.worker === undefined
      ? {}
      : {
          choice: {
            chosen: result.attempts.find((attempt) => attempt.outcome !== "skipped")?.workerAgentId.toString(),
            fulfilledBy: result.worker.agentId.toString(),
            workerUrl: result.worker.url,
            price: formatUnits(result.worker.model.price, 6),
            attempts: result.attempts.map((attempt) => ({
              agentId: attempt.workerAgentId.toString(),
              url: attempt.url,
              outcome: attempt.outcome,
              ...(attempt.reason === undefined ? {} : { reason: attempt.reason }),
            })),
            feedback: result.feedback.map((entry) => ({
              agentId: entry.workerAgentId.toString(),
              value: entry.value.toString(),
              tag2: entry.tag2,
              ...(entry.hash === undefined ? {} : { txHash: entry.hash }),
              ...(entry.error === undefined ? {} : { error: entry.error }),
            })),
          },
        }),
    txHash: result.open.hash,
    gasUsed: result.open.receipt.gasUsed.toString(),
    ...(typeof proveMs === "number" ? { proveMs } : {}),
  };
}

/**
 * The worker the user named: it proves which ERC-8004 agent it is (its wallet signs a fresh challenge), and says which
 * registration id it proves the model under and its price floor.
 */
async function namedWorker({
  publicClient,
  contracts,
  workerUrl,
  model,
}: {
  publicClient: ReadClient;
  contracts: { AgentRegistry: Address };
  workerUrl: string;
  model: string;
}) {
  // The job is reserved for the agent the worker names, so the worker proves it is that agent (its wallet signs a fresh
  // challenge): one that names another agent would take the input and leave the job to an agent that never sees it
  // (WorkerIdentityMismatchError, before anything is paid).
  const { agentId, models } = await verifyWorkerIdentity({
    client: publicClient,
    agentRegistry: contracts.AgentRegistry,
    workerUrl,
  }).catch((error: unknown) => {
    if (!(error instanceof WorkerInvalidAnswerError) || !error.field.startsWith("models[].")) throw error;
    throw new InferenceUnavailableError({
      problem: `the worker at ${workerUrl} does not prove which ERC-8004 agent it is (GET /v1/models ${error.field.slice("models[].".length)}), so the job cannot be reserved for it.`,
      fix: "Use a worker that advertises its agentId and signs the x-convergence-challenge (apps/worker from issue #14 on).",
    });
  });
  const served = models.find((m) => m.name === model);
  if (!served?.modelId) {
    throw new InferenceUnavailableError({
      problem: `the worker at ${workerUrl} does not serve ${model} on-chain.`,
      fix: "Start a worker that serves it (pnpm worker), set CONVERGENCE_WORKER_URL to one that does, or unset it to let the market choose.",
    });
  }
  return {
    workerUrl,
    agentId,
    modelId: BigInt(served.modelId),
    minPrice: served.minPrice === undefined ? undefined : toBaseUnits({ amount: served.minPrice, symbol: "USDC" }),
  };
}

export type RequestRiskInferenceReturnType = Awaited<ReturnType<typeof requestRiskInference>>;
