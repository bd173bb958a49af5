import { buildRiskFeatures, loadModelPin } from "@convergence/models";
import {
  type ReadClient,
  requestInference,
  verifyWorkerIdentity,
  WorkerInvalidAnswerError,
  type WriteClient,
} from "@convergence/sdk";
import { quantizeValue } from "@convergence/zk";
import { type Address, toHex } from "viem";
import { toBaseUnits } from "../chain/toBaseUnits.ts";
import { InferenceUnavailableError, UnsupportedSubjectError } from "../errors/inference.ts";
import { decodeRiskOutput } from "./decodeRiskOutput.ts";
import { readMarketState } from "./readMarketState.ts";

export type RequestRiskInferenceParameters = {
  publicClient: ReadClient;
  walletClient: WriteClient;
  contracts: {
    Pool: Address;
    WETH: Address;
    USDC: Address;
    /** The AgentRegistry the escrow reserves jobs through: the worker proves it is the agent it names there. */
    AgentRegistry: Address;
    InferenceEscrow?: Address;
    InferenceAttestor?: Address;
  };
  /** The worker's HTTP API, e.g. http://127.0.0.1:8080. */
  workerUrl: string;
  model: string;
  subject: string;
  /** USDC whole units escrowed for the worker, e.g. "2". */
  maxPayment: string;
  /** Seconds the worker has to fulfil before the payment is refundable (default 600). */
  deadlineSeconds?: number;
  /** How long to wait for the attestation (default 5 minutes). */
  timeoutMs?: number;
};

/** The subjects whose market state can be read from the chain. */
export const SUPPORTED_SUBJECTS = ["WETH/USDC"] as const;

/**
 * A zero-knowledge-verified risk score for a market: reads the pool's state (readMarketState), maps it
 * to the model's features (buildRiskFeatures) quantized at the manifest's scale, buys the proven
 * inference with the SDK's requestInference (the registration held against the model's pin from its
 * published release, loadModelPin; the job reserved for the worker's advertised agent once the worker signed a
 * fresh challenge with that agent's wallet, verifyWorkerIdentity; escrow paid
 * with a permit, input delivered to the worker, attestation awaited) and reads the attested logits as
 * a risk level (decodeRiskOutput). The attestation id is the job id as 32-byte hex.
 *
 * @example
 * const { risk, attestationId } = await requestRiskInference({ publicClient, walletClient, contracts, workerUrl,
 *   model: "risk-v1", subject: "WETH/USDC", maxPayment: "2" });
 */
export async function requestRiskInference({
  publicClient,
  walletClient,
  contracts,
  workerUrl,
  model,
  subject,
  maxPayment,
  deadlineSeconds = 600,
  timeoutMs = 300_000,
}: RequestRiskInferenceParameters) {
  const pair = subject.toUpperCase().replace(/^USDC\/WETH$/, "WETH/USDC");
  if (!(SUPPORTED_SUBJECTS as readonly string[]).includes(pair)) {
    throw new UnsupportedSubjectError({ subject, supported: SUPPORTED_SUBJECTS });
  }
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
      fix: "Start a worker that serves it (pnpm worker), or set CONVERGENCE_WORKER_URL to one that does.",
    });
  }
  const market = await readMarketState({ client: publicClient, contracts });
  const features = buildRiskFeatures({ market });
  const input = features.map((value, i) =>
    quantizeValue({ value, scale: manifest.scale, what: `${manifest.features?.[i]?.name ?? `feature ${i}`}` }),
  );
  const result = await requestInference({
    publicClient,
    walletClient,
    escrow,
    workerUrl,
    modelId: BigInt(served.modelId),
    pin,
    workerAgentId: agentId,
    ...(served.minPrice === undefined
      ? {}
      : { workerMinPrice: toBaseUnits({ amount: served.minPrice, symbol: "USDC" }) }),
    input,
    amount: toBaseUnits({ amount: maxPayment, symbol: "USDC" }),
    outputScales: manifest.scale,
    deadlineSeconds,
    timeoutMs,
  });
  const decoded = decodeRiskOutput({ logits: result.values, labels: manifest.labels });
  const proveMs = result.workerJob?.timings.proveMs;
  const { blockNumber: _b, timestamp: _t, ...state } = market;
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
    paid: maxPayment,
    market: state,
    txHash: result.open.hash,
    gasUsed: result.open.receipt.gasUsed.toString(),
    ...(typeof proveMs === "number" ? { proveMs } : {}),
  };
}

export type RequestRiskInferenceReturnType = Awaited<ReturnType<typeof requestRiskInference>>;
