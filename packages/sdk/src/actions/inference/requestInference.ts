import { agentRegistryAbi, inferenceEscrowAbi } from "@convergence/contracts";
import {
  type Address,
  ContractFunctionRevertedError,
  decodeErrorResult,
  type Hash,
  isAddressEqual,
  type TransactionReceipt,
  BaseError as ViemBaseError,
  zeroAddress,
} from "viem";
import type { ReadClient, WriteClient } from "../../client/types.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { AttestationTimeoutError } from "../../errors/inference.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { MarketJobFailedError, MarketJobRefundedError, NoWorkerAvailableError } from "../../errors/market.ts";
import {
  WorkerIdentityMismatchError,
  WorkerInvalidAnswerError,
  WorkerRequestError,
  WorkerUnreachableError,
} from "../../errors/worker.ts";
import { waitForJobOrTime } from "../../internal/waitForJobOrTime.ts";
import { withAccountLock } from "../../internal/withAccountLock.ts";
import { decodeRevert } from "../../utils/decodeRevert.ts";
import { getChainTime } from "../../utils/getChainTime.ts";
import { chooseWorker } from "../market/chooseWorker.ts";
import { discoverWorkers } from "../market/discoverWorkers.ts";
import { workerIneligibility } from "../market/workerIneligibility.ts";
import type { SkippedWorker, WorkerListing } from "../market/workerListing.ts";
import { failureFeedback, feedbackJobHash, successFeedback } from "../reputation/feedbackScheme.ts";
import { giveFeedback } from "../reputation/giveFeedback.ts";
import { deliverJobInput } from "../worker/deliverJobInput.ts";
import { getWorkerJob } from "../worker/getWorkerJob.ts";
import type { WorkerJob } from "../worker/types.ts";
import { verifyWorkerIdentity } from "../worker/verifyWorkerIdentity.ts";
import { attestedValues } from "./attestedValues.ts";
import { checkModelPin } from "./checkModelPin.ts";
import { getAttestation } from "./getAttestation.ts";
import { getJob } from "./getJob.ts";
import { type GetValidationReturnType, getValidation } from "./getValidation.ts";
import { type CallBatchSender, openJob } from "./openJob.ts";
import { refundJob } from "./refundJob.ts";
import type { Attestation, Job, Model, ModelPin, TrustSetup } from "./types.ts";
import { waitForAttestation } from "./waitForAttestation.ts";

/**
 * The steps of a request, in order, with what a progress line may name. With a named worker: open, deliver, attest.
 * In market mode: choose (discover, rank, verify the chosen worker), open, deliver, attest, then per failover:
 * failover (the window passed or the hand-over failed; choose and verify the next worker), deliver, attest; finally
 * feedback (one per worker judged) and, when nobody proved the job by its deadline, refund.
 */
export type RequestInferenceStep =
  | { name: "choose"; exclude: readonly bigint[] }
  | {
      name: "open";
      modelId: bigint;
      amount: bigint;
      deadline: bigint;
      /** The agent the job is reserved for, and until when (unix seconds; equal to the deadline: its whole life). */
      workerAgentId: bigint;
      exclusiveUntil: bigint;
    }
  | { name: "deliver"; jobId: bigint; workerUrl: string; workerAgentId: bigint }
  | {
      name: "attest";
      jobId: bigint;
      /** Market mode: the worker's window ends at this chain time (unix seconds), then the next worker is tried. */
      until?: bigint;
    }
  | {
      name: "failover";
      jobId: bigint;
      /**
       * The worker whose window passed without a proof (noShow), that refused the input (badDelivery), or that could
       * not take it because of the job's state (inWindow: e.g. it expired during the hand-over; no feedback).
       */
      from: bigint;
      outcome: "noShow" | "badDelivery" | "inWindow";
      exclude: readonly bigint[];
    }
  | { name: "feedback"; jobId: bigint; workerAgentId: bigint; value: bigint; tag2: string }
  | { name: "refund"; jobId: bigint };

/**
 * A worker the market flow tried for the job, and what came of it: "fulfilled" (its proof settled the job), "noShow"
 * (its window passed without a proof), "badDelivery" (it refused or failed the input hand-over), "skipped" (it failed
 * the identity challenge or the pin check before anything was handed to it: no feedback), "inWindow" (another worker
 * settled the job while this one was still inside its window: no feedback).
 */
export type RequestInferenceAttempt = {
  workerAgentId: bigint;
  url: string;
  outcome: "fulfilled" | "noShow" | "badDelivery" | "skipped" | "inWindow";
  /** Why, for noShow, badDelivery and skipped. */
  reason?: string;
  /** The listing it was chosen from (market mode). */
  listing?: WorkerListing;
};

/** A feedback the requester gave (ReputationRegistry.giveFeedback), or the error that kept it from being recorded. */
export type RequestInferenceFeedback = {
  workerAgentId: bigint;
  value: bigint;
  tag2: string;
  hash?: Hash;
  error?: string;
};

export type RequestInferenceParameters = {
  publicClient: ReadClient;
  /**
   * The requester: pays the escrow with an ERC-2612 permit, so a local account (private key or mnemonic). With
   * `requester`, the key that sends the account's batches (a session key): it pays their gas, and sends the idle-chain
   * nudge and a refund (anyone may; the escrow pays the requester back).
   */
  walletClient: WriteClient;
  /**
   * The requester is an account that sends batches of calls (an EIP-7702 AgentAccount through a session key): the job
   * opens with approve + openJob in one batch (a session key cannot sign the account's permit) and feedback is given
   * from the account. Default: `walletClient`'s own account, paying with a permit.
   */
  requester?: CallBatchSender;
  /** The InferenceEscrow (deployment.contracts.InferenceEscrow); its attestor and registries are read from it. */
  escrow: Address;
  /**
   * The worker's HTTP API, e.g. http://127.0.0.1:8080. With `workerAgentId`: that worker, nobody else. Without either:
   * market mode (see `market`).
   */
  workerUrl?: string;
  /**
   * The ModelRegistry id to pay for. It may come from anyone (the worker's GET /v1/models): the registration is held
   * against `pin` before anything is paid. Market mode: optional; when given only workers whose registration file names
   * it are chosen, else the chosen worker's id is used.
   */
  modelId?: bigint;
  /**
   * What the requester trusts the model to be: weight commitment, verification key and the key's setup contributors,
   * from a published release or the requester's own setup, never from the worker. A registration with other weights,
   * another key, or a verifier that does not implement the key is refused before anything is paid (checkModelPin).
   */
  pin: ModelPin;
  /**
   * The ERC-8004 agent the job is reserved for: the worker the requester chose (its GET /v1/models `agentId`). Its
   * wallet, read from the AgentRegistry, is the only account that can fulfil the job, and may not be the only
   * contributor of the pinned key's setup. Given with `workerUrl`; without either, market mode.
   */
  workerAgentId?: bigint;
  /**
   * Market mode (no workerUrl and no workerAgentId): where to find workers and how to choose (chooseWorker's rule with
   * `amount` as the most paid; the job pays the chosen worker's price). Required in market mode.
   */
  market?: {
    /** deployment.contracts: AgentRegistry, ReputationRegistry and ValidationRegistry (the escrow is `escrow`). */
    contracts: { AgentRegistry: Address; ReputationRegistry: Address; ValidationRegistry: Address };
    /** First block read for agents and jobs (the deployment's block; default 0n). */
    fromBlock?: bigint;
    /** Other clients whose feedback counts, besides the requester's own. */
    trustedClients?: readonly Address[];
    /** Least success rate, in percent, of a worker with trusted feedback (default 80). */
    reputationFloor?: number;
    /** Blocks per eth_getLogs call (default 2000n). */
    logRange?: bigint;
    /** The model's name, for messages (e.g. "risk-v1"). */
    modelName?: string;
    /** Listings already discovered (discoverWorkers), to choose among without reading them again. */
    listings?: readonly WorkerListing[];
  };
  /**
   * Seconds the job is reserved for the chosen worker before another may take it. Market mode: each worker's window
   * (default 60). With a named worker: default the whole deadline (no one else may fulfil).
   */
  exclusiveSeconds?: number;
  /** Market mode: give feedback to the workers judged after settlement (default true). */
  feedback?: boolean;
  /**
   * "attributed" (default): refuse a pinned key with no signed setup contributor, or with the worker as its only one.
   * "any" waives that: unsafe, whoever ran the setup alone may forge proofs.
   */
  trustSetup?: TrustSetup;
  /**
   * The worker's advertised price floor in token base units (its GET /v1/models `minPrice`). An amount below it is
   * refused before paying: the worker would skip the paid job unproven, and the payment would wait for a refund.
   */
  workerMinPrice?: bigint;
  /** The quantized input (round(v * 2^S), signed 16-bit), one value per model input. */
  input: readonly bigint[];
  /**
   * Payment in token base units (USDC: 6 decimals, so 2_000_000n is 2 USDC). Market mode: the most paid; the job pays
   * the chosen worker's listed price (the result's `paid`).
   */
  amount: bigint;
  /** The fixed-point scale S of the outputs: one for all, or one per output (value = output / 2^S). */
  outputScales: number | readonly number[];
  /** Seconds after the latest block that the worker has to fulfil; refundable after (default 600). */
  deadlineSeconds?: number;
  /**
   * How long to wait for the attestation (default 5 minutes with a named worker; in market mode, timed from the open,
   * until the deadline plus 5 minutes, room for the refund). Past it, AttestationTimeoutError, and the job stays open.
   */
  timeoutMs?: number;
  /**
   * Wraps each step (choose, open, deliver, attest, failover, feedback, refund): called with the step and the function that runs it, it returns what
   * that function returns. For progress lines and timings, e.g. `(step, run) => runStep({ title: ..., run })`.
   */
  onStep?: <T>(step: RequestInferenceStep, run: () => Promise<T>) => Promise<T>;
};

export type RequestInferenceReturnType = {
  jobId: bigint;
  modelId: bigint;
  /** Poseidon commitment of the input and the salt, as the job holds it. */
  inputCommitment: bigint;
  /** The salt that hides the input: with the input, it opens the commitment. */
  salt: bigint;
  /**
   * What the job paid, in token base units: `amount` with a named worker; in market mode the chosen worker's listed
   * price (at most `amount`).
   */
  paid: bigint;
  /** The transaction that opened (and paid) the job. */
  open: { hash: Hash; receipt: TransactionReceipt };
  attestation: Attestation;
  /** The ERC-8004 validation the attestor answered (response 100 once the proof verified). */
  validation: GetValidationReturnType;
  /** The attested outputs, fixed-point integers. */
  outputs: bigint[];
  /** The attested outputs as real values: output / 2^scale. */
  values: number[];
  /** The job as the worker reports it (state, transactions, timings), when the worker answers. */
  workerJob: WorkerJob | undefined;
  /** Market mode: the listing of the worker that fulfilled (undefined with a named worker). */
  worker: WorkerListing | undefined;
  /** Each worker tried, in order, with its outcome (a named worker: one attempt). */
  attempts: RequestInferenceAttempt[];
  /** The feedback given (market mode with feedback on; else empty). */
  feedback: RequestInferenceFeedback[];
};

const identity = <T>(_step: RequestInferenceStep, run: () => Promise<T>) => run();

/**
 * Buys one proven inference: holds the registration against the requester's pin (checkModelPin), commits the input
 * with a random salt, opens an escrow job paid with an ERC-2612 permit and reserved for one worker agent, hands the
 * input and salt to the worker, waits until the proof is verified and attested on-chain, and decodes the attested
 * outputs. Everything that can be refused is refused before paying: a payment below the worker's floor, a registration
 * that is not what was pinned (weights, key, verifier code, setup contributors), an unknown worker agent, scales that do
 * not match the outputs, an input outside the fixed-point range.
 *
 * With `workerUrl` and `workerAgentId`: that worker, reserved for the whole deadline (or `exclusiveSeconds`); a failure
 * after the job is open leaves it open: refund it with refundJob once its deadline has passed.
 *
 * Market mode (neither given; `market` names the registries):
 * 1. Choose: the workers serving the pinned model are discovered (discoverWorkers) and ranked by chooseWorker's rule,
 *    `amount` being the most paid: eligible = price at most `amount`, not tried yet, and no trusted feedback or a
 *    success rate of at least `reputationFloor` (80); first the lowest price, then the fewest open jobs, the higher
 *    success rate, the lower median latency, the lower agent id. The best three are verified at once, and the
 *    best-ranked that passes is chosen: it must sign a fresh identity challenge as its agent's wallet within 4 s
 *    (verifyWorkerIdentity) and its model id must pass checkModelPin. One that fails is skipped (no feedback); one that
 *    failed its identity challenge is passed over by this process for 10 minutes. None left: NoWorkerAvailableError,
 *    nothing paid.
 * 2. Open: the job pays the chosen worker's listed price (at most `amount`; `paid` in the result), is reserved for its
 *    agent for `exclusiveSeconds` (default 60) and lives `deadlineSeconds` (default 600). When the escrow refuses to
 *    open it for that listing (its model is retired), the worker is skipped and the next one chosen, nothing paid. The
 *    input and salt are handed to the worker, within the time left in its window (a worker that keeps answering busy
 *    cannot hold the job).
 * 3. Fail over: when its window passes without a proof (noShow: it is down, it never proves, or its fulfil is refused
 *    on-chain), or it refuses the input (badDelivery), the next worker by the rule is verified and handed the same
 *    input and salt: tried ones excluded, same model id, and only a worker whose price is at most what the job pays
 *    (one listed higher would skip it unproven). After the on-chain window any registered agent may fulfil; each next
 *    worker gets `exclusiveSeconds` before the one after it is tried. A worker tried earlier may still deliver:
 *    whoever proves first is paid, once. Nobody left: it waits for the deadline, refunds (refundJob) and throws
 *    MarketJobRefundedError.
 * 4. Feedback (ERC-8004 ReputationRegistry, the SDK's feedback scheme; `feedback: false` turns it off): success with
 *    the open-to-attested latency to the agent that fulfilled; noShow or badDelivery to each tried worker whose window
 *    passed without its proof; none to a worker still inside its window when another settled, nor to one that refused
 *    the input because of the job's state (settled, expired or too near its deadline by then: "inWindow"), nor to one
 *    skipped before the hand-over. A feedback the registry refuses is reported in `feedback[].error`, never thrown.
 *
 * Windows and the deadline are judged by block time, as the escrow judges them: a window has passed once a block past
 * it exists (nodes simulate the next worker's fulfil, or the refund, on the latest block). An idle chain that mines on
 * demand (Hardhat automine) has none until a transaction comes: after 15 s without a new block, the requester sends
 * itself a zero-value transfer to mine one (no evm_* method; never needed on a chain with block production). The
 * requester's transactions (open, that transfer, feedback, refund) go one at a time per account in this process, so
 * concurrent requests from one requester do not sign the same permit nonce.
 *
 * @throws NoWorkerAvailableError (market mode) no worker is eligible or passes its checks: nothing was paid.
 * @throws MarketJobRefundedError (market mode) no worker proved the job by its deadline: the payment came back.
 * @throws MarketJobFailedError (market mode) the job was opened and paid, then something failed (a node that stopped
 *   answering): it names the job and its deadline, after which refundJob returns the payment.
 * @throws AttestationTimeoutError (market mode) `timeoutMs` (timed from the open) passed first; the job stays open.
 *
 * @example
 * // A named worker:
 * const { jobId, values } = await requestInference({ publicClient, walletClient, escrow, workerUrl, modelId: 1n,
 *   pin, workerAgentId: 2n, input: [128n, -307n, 77n, 0n, 26n, 0n, 256n, -128n], amount: 2_000_000n, outputScales: 8 });
 * // The market: choose, fail over, give feedback.
 * const { worker, attempts, feedback } = await requestInference({ publicClient, walletClient, escrow, pin, input,
 *   amount: 2_000_000n, outputScales: 8, market: { contracts: deployment.contracts, modelName: "risk-v1" } });
 */
export async function requestInference(parameters: RequestInferenceParameters): Promise<RequestInferenceReturnType> {
  const { workerUrl, workerAgentId, workerMinPrice, amount, deadlineSeconds = 600, exclusiveSeconds } = parameters;
  if (workerMinPrice !== undefined && amount < workerMinPrice) {
    throw new InvalidParameterError({
      parameter: "amount",
      value: amount,
      expected: `at least the worker's price floor for this model, ${workerMinPrice} base units (it skips cheaper jobs unproven)`,
    });
  }
  if (!Number.isSafeInteger(deadlineSeconds) || deadlineSeconds < 1) {
    throw new InvalidParameterError({
      parameter: "deadlineSeconds",
      value: deadlineSeconds,
      expected: "a whole number of seconds, at least 1",
    });
  }
  if (exclusiveSeconds !== undefined && (!Number.isSafeInteger(exclusiveSeconds) || exclusiveSeconds < 1)) {
    throw new InvalidParameterError({
      parameter: "exclusiveSeconds",
      value: exclusiveSeconds,
      expected: "a whole number of seconds, at least 1",
    });
  }
  if (workerUrl === undefined && workerAgentId === undefined) return requestFromMarket(parameters);
  if (workerUrl === undefined) {
    throw new InvalidParameterError({
      parameter: "workerUrl",
      value: workerUrl,
      expected: "the URL of the worker whose agent id you passed (or neither, to choose in the market)",
    });
  }
  if (typeof workerAgentId !== "bigint" || workerAgentId < 1n) {
    throw new InvalidParameterError({
      parameter: "workerAgentId",
      value: workerAgentId,
      expected:
        "the ERC-8004 agent id of the worker you chose (its GET /v1/models agentId), or neither it nor workerUrl to choose in the market",
    });
  }
  if (parameters.modelId === undefined) {
    throw new InvalidParameterError({
      parameter: "modelId",
      value: undefined,
      expected: "the ModelRegistry id to pay for (the worker's GET /v1/models modelId)",
    });
  }
  const { publicClient, walletClient, escrow, pin, trustSetup, timeoutMs = 300_000, onStep = identity } = parameters;
  const modelId = parameters.modelId;
  const links = await escrowLinks({ client: publicClient, escrow });
  const worker = await workerWallet({ client: publicClient, agentRegistry: links.agentRegistry, workerAgentId });
  const model = await checkModelPin({
    client: publicClient,
    registry: links.registry,
    modelId,
    pin,
    worker,
    trustSetup,
  });
  const scales = scalesFor({ outputScales: parameters.outputScales, model });
  const committed = await commit(parameters.input);

  const now = await getChainTime({ client: publicClient });
  const deadline = now + BigInt(deadlineSeconds);
  const exclusiveUntil = exclusiveSeconds === undefined ? deadline : min(now + BigInt(exclusiveSeconds), deadline);
  const opened = await onStep({ name: "open", modelId, amount, deadline, workerAgentId, exclusiveUntil }, () =>
    openJobLocked({
      client: walletClient,
      ...(parameters.requester ? { batch: parameters.requester } : {}),
      escrow,
      modelId,
      inputCommitment: committed.inputCommitment,
      amount,
      deadline,
      workerAgentId,
      ...(exclusiveSeconds === undefined ? {} : { exclusiveUntil }),
      payment: "permit",
    }),
  );
  const { jobId } = opened;
  await onStep({ name: "deliver", jobId, workerUrl, workerAgentId }, () =>
    deliverJobInput({ workerUrl, jobId, input: parameters.input, salt: committed.salt, maxRetries: 5 }),
  );
  const attestation = await onStep({ name: "attest", jobId }, () =>
    waitForAttestation({ client: publicClient, escrow, attestor: links.attestor, jobId, timeoutMs }),
  );
  return settled({
    parameters,
    attestor: links.attestor,
    jobId,
    modelId,
    paid: amount,
    committed,
    opened,
    attestation,
    scales,
    workerUrl,
    worker: undefined,
    attempts: [{ workerAgentId, url: workerUrl, outcome: "fulfilled" }],
    feedback: [],
  });
}

/** Market mode: how long a worker has to answer the identity challenge (a live worker answers well within a second). */
const IDENTITY_TIMEOUT_MS = 4_000;
/** Market mode: how many of the best-ranked candidates are verified at once; the best-ranked that passes is chosen. */
const VERIFY_AT_ONCE = 3;
/** Market mode: how long this process passes over an agent that failed its identity check. */
const IDENTITY_FAILURE_MEMORY_MS = 10 * 60_000;
/** Agents that failed their identity check, `${agentRegistry}:${agentId}` (lowercase), to when they may be tried again. */
const failedIdentity = new Map<string, number>();
/** Escrow refusals of an open that are the listing's doing (its model retired, an agent id out of range), not the requester's. */
const LISTING_OPEN_REFUSALS = new Set(["InferenceEscrowModelNotActive", "InferenceEscrowInvalidWorker"]);
/** Worker refusals of the input that are the job's state (settled, expired, too near its deadline, still another's), not the worker's doing. */
const JOB_STATE_REFUSALS = new Set(["JOB_NOT_OPEN", "JOB_EXPIRED", "DEADLINE_TOO_SOON", "JOB_ASSIGNED_ELSEWHERE"]);
/** Room after the deadline for the refund before the market flow gives up waiting (AttestationTimeoutError). */
const REFUND_MARGIN_MS = 300_000;

/** The market flow: discover, choose, verify, open, deliver, fail over, give feedback, or refund. */
async function requestFromMarket(parameters: RequestInferenceParameters): Promise<RequestInferenceReturnType> {
  const {
    publicClient,
    walletClient,
    escrow,
    market,
    pin,
    trustSetup,
    input,
    amount,
    deadlineSeconds = 600,
    exclusiveSeconds = 60,
    feedback: giveFeedbacks = true,
    onStep = identity,
  } = parameters;
  if (market === undefined) {
    throw new InvalidParameterError({
      parameter: "market",
      value: undefined,
      expected:
        "the registries to discover workers in (market: { contracts: deployment.contracts }), or workerUrl and workerAgentId of a worker you chose",
    });
  }
  const links = await escrowLinks({ client: publicClient, escrow });
  const requester = parameters.requester?.address ?? walletClient.account.address;
  const trustedClients = [requester, ...(market.trustedClients ?? [])].filter(
    (client, index, all) => all.findIndex((other) => isAddressEqual(other, client)) === index,
  );
  const modelName = market.modelName ?? `with commitment ${pin.commitment}`;
  const memoryKey = (agentId: bigint) => `${links.agentRegistry.toLowerCase()}:${agentId}`;
  const rememberedUntil = (agentId: bigint) => {
    const until = failedIdentity.get(memoryKey(agentId));
    return until !== undefined && until > Date.now() ? until : undefined;
  };

  const attempts: RequestInferenceAttempt[] = [];
  const tried = () => attempts.map((attempt) => attempt.workerAgentId);
  let listings: readonly WorkerListing[] | undefined = market.listings;
  let skippedByDiscovery: SkippedWorker[] = [];
  /** The identity challenge (fresh, short timeout; a failure is remembered), then the pin check of its model id. */
  const verifyCandidate = async (listing: WorkerListing): Promise<Model> => {
    let wallet: Address;
    try {
      const verified = await verifyWorkerIdentity({
        client: publicClient,
        agentRegistry: links.agentRegistry,
        workerUrl: listing.url,
        timeoutMs: IDENTITY_TIMEOUT_MS,
      });
      if (verified.agentId !== listing.agentId) {
        throw new WorkerInvalidAnswerError({
          url: listing.url,
          field: "models[].agentId",
          expected: `agent ${listing.agentId}, whose registration file names this endpoint (it answers as agent ${verified.agentId})`,
        });
      }
      wallet = verified.wallet;
    } catch (error) {
      // The worker's doing (no answer in time, a wrong or missing signature), not a failed read of the requester's node.
      if (
        error instanceof WorkerUnreachableError ||
        error instanceof WorkerInvalidAnswerError ||
        error instanceof WorkerIdentityMismatchError ||
        error instanceof WorkerRequestError
      ) {
        failedIdentity.set(memoryKey(listing.agentId), Date.now() + IDENTITY_FAILURE_MEMORY_MS);
      }
      throw error;
    }
    return checkModelPin({
      client: publicClient,
      registry: links.registry,
      modelId: listing.model.modelId,
      pin,
      worker: wallet,
      trustSetup,
    });
  };
  /**
   * The best-ranked worker by the rule, at most `maxPrice`, that passes its identity challenge and the pin check, or
   * undefined. The best VERIFY_AT_ONCE candidates are verified at once; each that fails is recorded "skipped".
   */
  const chooseNext = async ({
    maxPrice,
    onlyModelId,
  }: {
    maxPrice: bigint;
    onlyModelId: bigint | undefined;
  }): Promise<{ listing: WorkerListing; model: Model } | undefined> => {
    if (listings === undefined) {
      const discovered = await discoverWorkers({
        publicClient,
        contracts: { ...market.contracts, InferenceEscrow: escrow },
        ...(market.fromBlock === undefined ? {} : { fromBlock: market.fromBlock }),
        pin,
        trustedClients,
        ...(market.logRange === undefined ? {} : { logRange: market.logRange }),
      });
      listings = discovered;
      skippedByDiscovery = discovered.skipped;
    }
    const candidates = listings.filter((listing) => onlyModelId === undefined || listing.model.modelId === onlyModelId);
    for (;;) {
      const passedOver = candidates.filter((l) => rememberedUntil(l.agentId) !== undefined).map((l) => l.agentId);
      const ranked: WorkerListing[] = [];
      while (ranked.length < VERIFY_AT_ONCE) {
        const listing = chooseWorker({
          listings: candidates,
          maxPrice,
          ...(market.reputationFloor === undefined ? {} : { reputationFloor: market.reputationFloor }),
          exclude: [...tried(), ...passedOver, ...ranked.map((l) => l.agentId)],
        });
        if (!listing) break;
        ranked.push(listing);
      }
      if (ranked.length === 0) return undefined;
      const checked = await Promise.all(
        ranked.map((listing) =>
          verifyCandidate(listing).then(
            (model) => ({ listing, model }),
            (error: unknown) => ({ listing, error }),
          ),
        ),
      );
      let chosen: { listing: WorkerListing; model: Model } | undefined;
      for (const check of checked) {
        if ("model" in check) {
          chosen ??= check;
          continue;
        }
        attempts.push({
          workerAgentId: check.listing.agentId,
          url: check.listing.url,
          outcome: "skipped",
          reason: reasonOf(check.error),
          listing: check.listing,
        });
      }
      if (chosen) return chosen;
    }
  };
  const noWorker = () => {
    const all = listings ?? [];
    return new NoWorkerAvailableError({
      model: modelName,
      found: all.length,
      reasons: [
        ...all.map((listing) => {
          const remembered = rememberedUntil(listing.agentId);
          return {
            agentId: listing.agentId,
            url: listing.url,
            reason:
              attempts.find((attempt) => attempt.workerAgentId === listing.agentId)?.reason ??
              (remembered === undefined
                ? undefined
                : `failed its identity check in the last ${IDENTITY_FAILURE_MEMORY_MS / 60_000} minutes: passed over until ${new Date(remembered).toISOString()}`) ??
              (parameters.modelId !== undefined && listing.model.modelId !== parameters.modelId
                ? `serves model id ${listing.model.modelId}, not ${parameters.modelId}`
                : undefined) ??
              workerIneligibility({
                listing,
                maxPrice: amount,
                ...(market.reputationFloor === undefined ? {} : { reputationFloor: market.reputationFloor }),
              }) ??
              "eligible",
          };
        }),
        ...skippedByDiscovery.map(({ agentId, reason }) => ({ agentId, reason })),
      ],
    });
  };

  const committed = await commit(input);
  let chosen = await onStep({ name: "choose", exclude: tried() }, () =>
    chooseNext({ maxPrice: amount, onlyModelId: parameters.modelId }),
  );
  // The job pays the chosen worker's listed price (at most `amount`; the escrow takes no zero payment). A listing the
  // escrow refuses to open a job for (its model retired) is skipped, nothing paid, and the next one chosen.
  let opened: { jobId: bigint; hash: Hash; receipt: TransactionReceipt } | undefined;
  let first: { listing: WorkerListing; model: Model } | undefined;
  let paid = 0n;
  let deadline = 0n;
  let exclusiveUntil = 0n;
  // The next block's time, when the escrow named it refusing a window or deadline already past: a chain that runs
  // ahead of the wall clock and sat idle (a long choice) has a latest block older than its next one.
  let notBefore = 0n;
  let timeRetries = 0;
  while (!opened) {
    if (!chosen) throw noWorker();
    const { listing } = chosen;
    paid = min(listing.model.price > 0n ? listing.model.price : 1n, amount);
    const chainNow = await getChainTime({ client: publicClient });
    const now = chainNow > notBefore ? chainNow : notBefore;
    deadline = now + BigInt(deadlineSeconds);
    exclusiveUntil = min(now + BigInt(exclusiveSeconds), deadline);
    const terms = { modelId: listing.model.modelId, deadline, workerAgentId: listing.agentId, exclusiveUntil };
    try {
      opened = await onStep({ name: "open", ...terms, amount: paid }, () =>
        openJobLocked({
          client: walletClient,
          ...(parameters.requester ? { batch: parameters.requester } : {}),
          escrow,
          ...terms,
          inputCommitment: committed.inputCommitment,
          amount: paid,
          payment: "permit",
        }),
      );
      first = chosen;
    } catch (error) {
      // Refused in the simulation, before anything was sent. A window or deadline the next block has passed: once
      // more from that block's time. The listing's doing: skip it. Anything else is the requester's.
      const timestamp = blockTimeOf(error);
      if (timestamp !== undefined && timeRetries < 2) {
        timeRetries += 1;
        notBefore = timestamp + 1n;
        continue;
      }
      if (!(error instanceof ContractRevertError) || !LISTING_OPEN_REFUSALS.has(error.errorName ?? "")) throw error;
      attempts.push({
        workerAgentId: listing.agentId,
        url: listing.url,
        outcome: "skipped",
        reason: `the escrow refuses a job for it: ${reasonOf(error)}`,
        listing,
      });
      chosen = await onStep({ name: "choose", exclude: tried() }, () =>
        chooseNext({ maxPrice: amount, onlyModelId: parameters.modelId }),
      );
    }
  }
  const { jobId } = opened;
  try {
    return await afterOpen({ first: first!, opened, paid, deadline, exclusiveUntil });
  } catch (error) {
    // A settled outcome (refunded) or a timeout that names the job is thrown as is; anything else names the job.
    if (error instanceof MarketJobRefundedError || error instanceof AttestationTimeoutError) throw error;
    throw new MarketJobFailedError({ jobId, deadline, cause: error });
  }

  async function afterOpen({
    first,
    opened,
    paid,
    deadline,
    exclusiveUntil,
  }: {
    first: { listing: WorkerListing; model: Model };
    opened: { jobId: bigint; hash: Hash; receipt: TransactionReceipt };
    paid: bigint;
    deadline: bigint;
    exclusiveUntil: bigint;
  }): Promise<RequestInferenceReturnType> {
    const { jobId } = opened;
    const modelId = first.listing.model.modelId;
    const openedAt = Date.now();
    // Timed from the open, past the deadline with room for the refund: choosing and verifying take none of it.
    const chainNow = await retryRead(() => getChainTime({ client: publicClient }));
    const timeoutMs =
      parameters.timeoutMs ?? Number(deadline > chainNow ? deadline - chainNow : 0n) * 1000 + REFUND_MARGIN_MS;
    const timeoutAt = openedAt + timeoutMs;
    /** Wall-clock time (Date.now()) at which the chain's time reaches `t`, estimated from the open. */
    const wallAt = (t: bigint) => openedAt + Number(t - chainNow) * 1000;
    const scales = scalesFor({ outputScales: parameters.outputScales, model: first.model });

    let current: WorkerListing | undefined = first.listing;
    let settledJob: Job | undefined;
    while (current) {
      const attempt: RequestInferenceAttempt = {
        workerAgentId: current.agentId,
        url: current.url,
        outcome: "inWindow",
        listing: current,
      };
      attempts.push(attempt);
      const worker = current;
      const isFirst = attempts.filter((a) => a.outcome !== "skipped").length === 1;
      // The hand-over gets at most the time left in the worker's window (the first: the on-chain one; the next: its
      // own exclusiveSeconds), and never past the deadline: a worker that keeps answering "busy" cannot hold the job.
      const budgetMs = Math.max(
        1_000,
        Math.min(
          isFirst ? wallAt(exclusiveUntil) - Date.now() : exclusiveSeconds * 1000,
          wallAt(deadline) - Date.now(),
        ),
      );
      const delivered = await onStep(
        { name: "deliver", jobId, workerUrl: worker.url, workerAgentId: worker.agentId },
        () =>
          withinMs(
            budgetMs,
            `no hand-over within its window (${Math.round(budgetMs / 1000)} s)`,
            deliverJobInput({
              workerUrl: worker.url,
              jobId,
              input,
              salt: committed.salt,
              maxRetries: 5,
              timeoutMs: Math.min(30_000, budgetMs),
            }),
          ),
      ).then(
        () => true,
        async (error: unknown) => {
          attempt.reason = reasonOf(error);
          // Refused because of the job's state (another worker settled it during the hand-over, it expired), or the
          // job is no longer open: not the worker's doing, so no failure feedback.
          const code = error instanceof WorkerRequestError ? error.code : undefined;
          const job = await retryRead(() => getJob({ client: publicClient, escrow, jobId })).catch(() => undefined);
          attempt.outcome =
            (code !== undefined && JOB_STATE_REFUSALS.has(code)) || (job !== undefined && job.status !== "open")
              ? "inWindow"
              : "badDelivery";
          return false;
        },
      );
      // The first worker's window is the job's on-chain one; after it anyone may fulfil, and each next worker gets
      // exclusiveSeconds from its hand-over (a refused hand-over: none) before the one after it is tried.
      const until = isFirst
        ? exclusiveUntil
        : min(
            delivered ? (await retryRead(() => getChainTime({ client: publicClient }))) + BigInt(exclusiveSeconds) : 0n,
            deadline,
          );
      const waited = await onStep({ name: "attest", jobId, until }, () =>
        waitForJobOrTime({ client: walletClient, escrow, jobId, until, timeoutAt, timeoutMs }),
      );
      if (waited.status !== "passed") {
        settledJob = waited.job;
        break;
      }
      if (delivered) {
        attempt.outcome = "noShow";
        attempt.reason = `no proof by ${until}, the end of its window`;
      }
      if (waited.timestamp > deadline) break;
      const from = attempt.workerAgentId;
      const outcome = attempt.outcome as "noShow" | "badDelivery" | "inWindow";
      // Only to workers whose price the job pays: one listed above it would skip the job unproven.
      const next = await onStep({ name: "failover", jobId, from, outcome, exclude: tried() }, () =>
        chooseNext({ maxPrice: paid, onlyModelId: modelId }),
      );
      current = next?.listing;
    }
    if (!settledJob) {
      // Nobody left to try: the tried workers may still prove until the deadline; then the payment comes back.
      const waited = await onStep({ name: "attest", jobId, until: deadline }, () =>
        waitForJobOrTime({ client: walletClient, escrow, jobId, until: deadline, timeoutAt, timeoutMs }),
      );
      if (waited.status !== "passed") settledJob = waited.job;
    }

    if (settledJob?.status === "fulfilled") {
      const attestation = await retryRead(() =>
        getAttestation({ client: publicClient, attestor: links.attestor, jobId }),
      );
      const latencyMs = Date.now() - openedAt;
      const fulfiller = settledJob.workerAgentId;
      let attempt = attempts.find((a) => a.workerAgentId === fulfiller && a.outcome !== "skipped");
      if (attempt) {
        attempt.outcome = "fulfilled";
        delete attempt.reason;
      } else {
        // An agent the requester never handed the input to: it proved it all the same (the input leaked elsewhere).
        const listing = listings?.find((l) => l.agentId === fulfiller);
        attempt = {
          workerAgentId: fulfiller,
          url: listing?.url ?? "",
          outcome: "fulfilled",
          ...(listing ? { listing } : {}),
        };
        attempts.push(attempt);
      }
      const feedback = giveFeedbacks
        ? await feedbackFor({
            parameters,
            attempts,
            jobId,
            latencyMs,
            reputationRegistry: market!.contracts.ReputationRegistry,
          })
        : [];
      return settled({
        parameters,
        attestor: links.attestor,
        jobId,
        modelId,
        paid,
        committed,
        opened,
        attestation,
        scales,
        workerUrl: attempt.url,
        worker: attempt.listing,
        attempts,
        feedback,
      });
    }

    let refundHash: Hash | undefined;
    if (settledJob?.status !== "refunded") {
      ({ hash: refundHash } = await onStep({ name: "refund", jobId }, () =>
        withAccountLock({
          address: walletClient.account.address,
          run: () => refundJob({ client: walletClient, escrow, jobId }),
        }),
      ));
    }
    if (giveFeedbacks) {
      await feedbackFor({
        parameters,
        attempts,
        jobId,
        latencyMs: 0,
        reputationRegistry: market!.contracts.ReputationRegistry,
      });
    }
    throw new MarketJobRefundedError({
      jobId,
      refundHash: refundHash ?? "0x",
      attempts: attempts.map(({ workerAgentId, url, outcome, reason }) => ({
        agentId: workerAgentId,
        url,
        outcome,
        ...(reason === undefined ? {} : { reason }),
      })),
    });
  }
}

/**
 * The block time an escrow refusal of a past window or deadline names, or undefined for any other error. The refusal
 * comes from the simulation (ContractRevertError) or, when the latest block passed and the next one does not, from the
 * send's gas estimate (viem's error, with the raw revert data).
 */
function blockTimeOf(error: unknown): bigint | undefined {
  let errorName: string | undefined;
  let args: readonly unknown[] | undefined;
  if (error instanceof ContractRevertError) ({ errorName, args } = error);
  else if (error instanceof ViemBaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    const raw = reverted instanceof ContractFunctionRevertedError ? reverted.raw : undefined;
    if (raw) {
      try {
        ({ errorName, args } = decodeErrorResult({ abi: inferenceEscrowAbi, data: raw }));
      } catch {
        return undefined;
      }
    }
  }
  const at =
    errorName === "InferenceEscrowInvalidExclusiveWindow"
      ? args?.[2]
      : errorName === "InferenceEscrowInvalidDeadline"
        ? args?.[1]
        : undefined;
  return typeof at === "bigint" ? at : undefined;
}

/** A read retried on failure (a node's transient error): three tries, half a second apart. */
async function retryRead<T>(read: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** `promise`, or a rejection with `reason` once `ms` have passed (the promise itself runs on, unobserved). */
function withinMs<T>(ms: number, reason: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(reason)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One feedback per judged worker (the SDK's scheme): success with the latency to the one that fulfilled, noShow or
 * badDelivery to the others whose window passed. A feedback the registry refuses (the requester owns the agent) is
 * reported in `error`, never thrown: the job is settled either way.
 */
async function feedbackFor({
  parameters: { walletClient, requester, escrow, onStep = identity },
  attempts,
  jobId,
  latencyMs,
  reputationRegistry,
}: {
  parameters: RequestInferenceParameters;
  attempts: readonly RequestInferenceAttempt[];
  jobId: bigint;
  latencyMs: number;
  reputationRegistry: Address;
}): Promise<RequestInferenceFeedback[]> {
  const chainId = await walletClient.getChainId();
  const feedbackHash = feedbackJobHash({ chainId, escrow, jobId });
  const given: RequestInferenceFeedback[] = [];
  for (const attempt of attempts) {
    if (attempt.outcome !== "fulfilled" && attempt.outcome !== "noShow" && attempt.outcome !== "badDelivery") continue;
    const entry =
      attempt.outcome === "fulfilled" ? successFeedback({ latencyMs }) : failureFeedback({ reason: attempt.outcome });
    const record: RequestInferenceFeedback = {
      workerAgentId: attempt.workerAgentId,
      value: entry.value,
      tag2: entry.tag2,
    };
    try {
      const { hash } = await onStep(
        { name: "feedback", jobId, workerAgentId: attempt.workerAgentId, value: entry.value, tag2: entry.tag2 },
        () =>
          withAccountLock({
            address: requester?.address ?? walletClient.account.address,
            run: () =>
              giveFeedback({
                client: walletClient,
                ...(requester ? { batch: requester } : {}),
                registry: reputationRegistry,
                agentId: attempt.workerAgentId,
                ...entry,
                endpoint: attempt.url,
                feedbackURI: "",
                feedbackHash,
              }),
          }),
      );
      record.hash = hash;
    } catch (error) {
      record.error = reasonOf(error);
    }
    given.push(record);
  }
  return given;
}

/** openJob, one at a time per requester account in this process (its permit signs the token's current nonce). */
function openJobLocked(parameters: Parameters<typeof openJob>[0]) {
  return withAccountLock({
    address: parameters.batch?.address ?? parameters.client.account.address,
    run: () => openJob(parameters),
  });
}

/** What the return type needs once the job is attested. */
async function settled({
  parameters: { publicClient, walletClient, escrow },
  attestor,
  jobId,
  modelId,
  paid,
  committed,
  opened,
  attestation,
  scales,
  workerUrl,
  worker,
  attempts,
  feedback,
}: {
  parameters: RequestInferenceParameters;
  attestor: Address;
  jobId: bigint;
  modelId: bigint;
  paid: bigint;
  committed: { salt: bigint; inputCommitment: bigint };
  opened: { hash: Hash; receipt: TransactionReceipt };
  attestation: Attestation;
  scales: number[];
  workerUrl: string;
  worker: WorkerListing | undefined;
  attempts: RequestInferenceAttempt[];
  feedback: RequestInferenceFeedback[];
}): Promise<RequestInferenceReturnType> {
  const validation = await getValidation({
    client: publicClient,
    attestor,
    requestHash: attestation.validationRequestHash,
  });
  // The worker's view is a convenience (timings, its fulfil transaction): the attestation above is the proof. Signed
  // as the requester: the worker may not have seen its fulfil mined yet, and shows the output before then only to it.
  const workerJob = workerUrl
    ? await getWorkerJob({ workerUrl, jobId, requester: { client: walletClient, escrow } }).catch(() => undefined)
    : undefined;
  return {
    jobId,
    modelId,
    paid,
    inputCommitment: committed.inputCommitment,
    salt: committed.salt,
    open: { hash: opened.hash, receipt: opened.receipt },
    attestation,
    validation,
    outputs: attestation.outputs,
    values: attestedValues({ outputs: attestation.outputs, scales }),
    workerJob,
    worker,
    attempts,
    feedback,
  };
}

/** The attestor, model registry and agent registry the escrow judges jobs with. */
async function escrowLinks({ client, escrow }: { client: ReadClient; escrow: Address }) {
  const [attestor, registry, agentRegistry] = await Promise.all([
    client.readContract({ address: escrow, abi: inferenceEscrowAbi, functionName: "attestor" }),
    client.readContract({ address: escrow, abi: inferenceEscrowAbi, functionName: "modelRegistry" }),
    client.readContract({ address: escrow, abi: inferenceEscrowAbi, functionName: "agentRegistry" }),
  ]);
  return { attestor, registry, agentRegistry };
}

/** One scale per output, checked against the model. */
function scalesFor({
  outputScales,
  model,
}: {
  outputScales: RequestInferenceParameters["outputScales"];
  model: Model;
}): number[] {
  const scales =
    typeof outputScales === "number" ? Array.from({ length: model.numOutputs }, () => outputScales) : [...outputScales];
  if (scales.length !== model.numOutputs || scales.some((s) => !Number.isSafeInteger(s) || s < 0)) {
    throw new InvalidParameterError({
      parameter: "outputScales",
      value: JSON.stringify(outputScales),
      expected: `one non-negative whole scale, or ${model.numOutputs} of them (model ${model.modelId} has ${model.numOutputs} outputs)`,
    });
  }
  return scales;
}

/** A random salt and the input's commitment under it. */
async function commit(input: readonly bigint[]): Promise<{ salt: bigint; inputCommitment: bigint }> {
  // Loaded here, not at the top: @convergence/zk brings snarkjs and circomlibjs, which every other action can do without.
  const { commitInput, randomSalt } = await import("@convergence/zk");
  const salt = randomSalt();
  return { salt, inputCommitment: await commitInput({ input, salt }) };
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** A one-line reason for an attempt's record. */
function reasonOf(error: unknown): string {
  if (error instanceof Error) return (error as { shortMessage?: string }).shortMessage ?? error.message;
  return String(error);
}

/** The wallet that alone can fulfil a job reserved for the agent (InferenceEscrow pays getAgentWallet). */
async function workerWallet({
  client,
  agentRegistry,
  workerAgentId,
}: {
  client: ReadClient;
  agentRegistry: Address;
  workerAgentId: bigint;
}): Promise<Address> {
  const wallet = await client
    .readContract({
      address: agentRegistry,
      abi: agentRegistryAbi,
      functionName: "getAgentWallet",
      args: [workerAgentId],
    })
    .catch((error: unknown) => {
      if (decodeRevert(error).errorName !== "ERC721NonexistentToken") throw error;
      throw new InvalidParameterError({
        parameter: "workerAgentId",
        value: workerAgentId,
        expected: `an agent registered in the AgentRegistry ${agentRegistry} (the worker's GET /v1/models agentId)`,
      });
    });
  if (wallet === zeroAddress) {
    throw new InvalidParameterError({
      parameter: "workerAgentId",
      value: workerAgentId,
      expected: "an agent with a payment wallet: nobody could fulfil a job reserved for this one",
    });
  }
  return wallet;
}
