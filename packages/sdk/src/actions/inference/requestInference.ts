import { agentRegistryAbi, inferenceEscrowAbi } from "@convergence/contracts";
import { type Address, type Hash, isAddressEqual, type TransactionReceipt, zeroAddress } from "viem";
import type { ReadClient, WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { MarketJobRefundedError, NoWorkerAvailableError } from "../../errors/market.ts";
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
import { checkModelPin } from "./checkModelPin.ts";
import { getAttestation } from "./getAttestation.ts";
import { type GetValidationReturnType, getValidation } from "./getValidation.ts";
import { openJob } from "./openJob.ts";
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
      /** The worker whose window passed without a proof (noShow) or that refused the input (badDelivery). */
      from: bigint;
      outcome: "noShow" | "badDelivery";
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
  /** The requester: pays the escrow with an ERC-2612 permit, so a local account (private key or mnemonic). */
  walletClient: WriteClient;
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
   * `amount` as the most paid). Required in market mode.
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
  /** Payment in token base units (USDC: 6 decimals, so 2_000_000n is 2 USDC). */
  amount: bigint;
  /** The fixed-point scale S of the outputs: one for all, or one per output (value = output / 2^S). */
  outputScales: number | readonly number[];
  /** Seconds after the latest block that the worker has to fulfil; refundable after (default 600). */
  deadlineSeconds?: number;
  /**
   * How long to wait for the attestation (default 5 minutes with a named worker; in market mode `deadlineSeconds` plus
   * 5 minutes, room for the refund). Past it, AttestationTimeoutError, and the job stays open.
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
 *    success rate, the lower median latency, the lower agent id. The chosen worker must sign a fresh identity challenge
 *    as its agent's wallet (verifyWorkerIdentity) and its model id must pass checkModelPin; else it is skipped (no
 *    feedback) and the next is taken, before anything is paid. None left: NoWorkerAvailableError, nothing paid.
 * 2. Open: the job pays `amount`, is reserved for the chosen agent for `exclusiveSeconds` (default 60) and lives
 *    `deadlineSeconds` (default 600); the input and salt are handed to the worker.
 * 3. Fail over: when its window passes without a proof (noShow: it is down, it never proves, or its fulfil is refused
 *    on-chain), or it refuses the input (badDelivery), the next worker by the rule (tried ones excluded, same model id)
 *    is verified and handed the same input and salt. After the on-chain window any registered agent may fulfil; each
 *    next worker gets `exclusiveSeconds` before the one after it is tried. A worker tried earlier may still deliver:
 *    whoever proves first is paid, once. Nobody left: it waits for the deadline, refunds (refundJob) and throws
 *    MarketJobRefundedError.
 * 4. Feedback (ERC-8004 ReputationRegistry, the SDK's feedback scheme; `feedback: false` turns it off): success with
 *    the open-to-attested latency to the agent that fulfilled; noShow or badDelivery to each tried worker whose window
 *    passed without its proof; none to a worker still inside its window when another settled, nor to one skipped
 *    before the hand-over. A feedback the registry refuses is reported in `feedback[].error`, never thrown.
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
  // By default past the deadline with room for the refund: a chain that never reaches the deadline must not hang it.
  const timeoutMs = parameters.timeoutMs ?? (deadlineSeconds + 300) * 1000;
  const timeoutAt = Date.now() + timeoutMs;
  const links = await escrowLinks({ client: publicClient, escrow });
  const requester = walletClient.account.address;
  const trustedClients = [requester, ...(market.trustedClients ?? [])].filter(
    (client, index, all) => all.findIndex((other) => isAddressEqual(other, client)) === index,
  );
  const modelName = market.modelName ?? `with commitment ${pin.commitment}`;

  const attempts: RequestInferenceAttempt[] = [];
  const tried = () => attempts.map((attempt) => attempt.workerAgentId);
  let listings: readonly WorkerListing[] | undefined = market.listings;
  let skippedByDiscovery: SkippedWorker[] = [];
  /** The next worker by the rule that passes its identity challenge and the pin check, or undefined. */
  const chooseNext = async (onlyModelId: bigint | undefined) => {
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
      const listing = chooseWorker({
        listings: candidates,
        maxPrice: amount,
        ...(market.reputationFloor === undefined ? {} : { reputationFloor: market.reputationFloor }),
        exclude: tried(),
      });
      if (!listing) return undefined;
      try {
        const verified = await verifyWorkerIdentity({
          client: publicClient,
          agentRegistry: links.agentRegistry,
          workerUrl: listing.url,
        });
        if (verified.agentId !== listing.agentId) {
          throw new Error(`it answers as agent ${verified.agentId}, not agent ${listing.agentId} whose file names it`);
        }
        const model = await checkModelPin({
          client: publicClient,
          registry: links.registry,
          modelId: listing.model.modelId,
          pin,
          worker: verified.wallet,
          trustSetup,
        });
        return { listing, model };
      } catch (error) {
        attempts.push({
          workerAgentId: listing.agentId,
          url: listing.url,
          outcome: "skipped",
          reason: reasonOf(error),
          listing,
        });
      }
    }
  };
  const noWorker = () => {
    const all = listings ?? [];
    return new NoWorkerAvailableError({
      model: modelName,
      found: all.length,
      reasons: [
        ...all.map((listing) => ({
          agentId: listing.agentId,
          url: listing.url,
          reason:
            attempts.find((attempt) => attempt.workerAgentId === listing.agentId)?.reason ??
            (parameters.modelId !== undefined && listing.model.modelId !== parameters.modelId
              ? `serves model id ${listing.model.modelId}, not ${parameters.modelId}`
              : undefined) ??
            workerIneligibility({
              listing,
              maxPrice: amount,
              ...(market.reputationFloor === undefined ? {} : { reputationFloor: market.reputationFloor }),
            }) ??
            "eligible",
        })),
        ...skippedByDiscovery.map(({ agentId, reason }) => ({ agentId, reason })),
      ],
    });
  };

  const first = await onStep({ name: "choose", exclude: tried() }, () => chooseNext(parameters.modelId));
  if (!first) throw noWorker();
  const modelId = first.listing.model.modelId;
  const scales = scalesFor({ outputScales: parameters.outputScales, model: first.model });
  const committed = await commit(input);
  const now = await getChainTime({ client: publicClient });
  const deadline = now + BigInt(deadlineSeconds);
  const exclusiveUntil = min(now + BigInt(exclusiveSeconds), deadline);
  const opened = await onStep(
    { name: "open", modelId, amount, deadline, workerAgentId: first.listing.agentId, exclusiveUntil },
    () =>
      openJobLocked({
        client: walletClient,
        escrow,
        modelId,
        inputCommitment: committed.inputCommitment,
        amount,
        deadline,
        workerAgentId: first.listing.agentId,
        exclusiveUntil,
        payment: "permit",
      }),
  );
  const openedAt = Date.now();
  const { jobId } = opened;

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
    const delivered = await onStep(
      { name: "deliver", jobId, workerUrl: worker.url, workerAgentId: worker.agentId },
      () => deliverJobInput({ workerUrl: worker.url, jobId, input, salt: committed.salt, maxRetries: 5 }),
    ).then(
      () => true,
      (error: unknown) => {
        attempt.outcome = "badDelivery";
        attempt.reason = reasonOf(error);
        return false;
      },
    );
    // The first worker's window is the job's on-chain one; after it anyone may fulfil, and each next worker gets
    // exclusiveSeconds from its hand-over (a refused hand-over: none) before the one after it is tried.
    const until =
      attempts.filter((a) => a.outcome !== "skipped").length === 1
        ? exclusiveUntil
        : min(delivered ? (await getChainTime({ client: publicClient })) + BigInt(exclusiveSeconds) : 0n, deadline);
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
    const outcome = attempt.outcome as "noShow" | "badDelivery";
    const next = await onStep({ name: "failover", jobId, from, outcome, exclude: tried() }, () => chooseNext(modelId));
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
    const attestation = await getAttestation({ client: publicClient, attestor: links.attestor, jobId });
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
          reputationRegistry: market.contracts.ReputationRegistry,
        })
      : [];
    return settled({
      parameters,
      attestor: links.attestor,
      jobId,
      modelId,
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
      reputationRegistry: market.contracts.ReputationRegistry,
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

/**
 * One feedback per judged worker (the SDK's scheme): success with the latency to the one that fulfilled, noShow or
 * badDelivery to the others whose window passed. A feedback the registry refuses (the requester owns the agent) is
 * reported in `error`, never thrown: the job is settled either way.
 */
async function feedbackFor({
  parameters: { walletClient, escrow, onStep = identity },
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
            address: walletClient.account.address,
            run: () =>
              giveFeedback({
                client: walletClient,
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
  return withAccountLock({ address: parameters.client.account.address, run: () => openJob(parameters) });
}

/** What the return type needs once the job is attested. */
async function settled({
  parameters: { publicClient, walletClient, escrow },
  attestor,
  jobId,
  modelId,
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
    inputCommitment: committed.inputCommitment,
    salt: committed.salt,
    open: { hash: opened.hash, receipt: opened.receipt },
    attestation,
    validation,
    outputs: attestation.outputs,
    values: attestation.outputs.map((v, i) => Number(v) / 2 ** scales[i]!),
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
