import { agentRegistryAbi, inferenceEscrowAbi } from "@convergence/contracts";
import { type Address, type Hash, type TransactionReceipt, zeroAddress } from "viem";
import type { ReadClient, WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { decodeRevert } from "../../utils/decodeRevert.ts";
import { deliverJobInput } from "../worker/deliverJobInput.ts";
import { getWorkerJob } from "../worker/getWorkerJob.ts";
import type { WorkerJob } from "../worker/types.ts";
import { checkModelPin } from "./checkModelPin.ts";
import { type GetValidationReturnType, getValidation } from "./getValidation.ts";
import { openJob } from "./openJob.ts";
import type { Attestation, ModelPin, TrustSetup } from "./types.ts";
import { waitForAttestation } from "./waitForAttestation.ts";

/** The steps of a request, in order, with what a progress line may name. */
export type RequestInferenceStep =
  | { name: "open"; modelId: bigint; amount: bigint; deadline: bigint }
  | { name: "deliver"; jobId: bigint; workerUrl: string }
  | { name: "attest"; jobId: bigint };

export type RequestInferenceParameters = {
  publicClient: ReadClient;
  /** The requester: pays the escrow with an ERC-2612 permit, so a local account (private key or mnemonic). */
  walletClient: WriteClient;
  /** The InferenceEscrow (deployment.contracts.InferenceEscrow); its attestor and registries are read from it. */
  escrow: Address;
  /** The worker's HTTP API, e.g. http://127.0.0.1:8080. */
  workerUrl: string;
  /**
   * The ModelRegistry id to pay for. It may come from anyone (the worker's GET /v1/models): the registration is held
   * against `pin` before anything is paid.
   */
  modelId: bigint;
  /**
   * What the requester trusts the model to be: weight commitment, verification key and the key's setup contributors,
   * from a published release or the requester's own setup, never from the worker. A registration with other weights,
   * another key, or a verifier that does not implement the key is refused before anything is paid (checkModelPin).
   */
  pin: ModelPin;
  /**
   * The ERC-8004 agent the job is reserved for: the worker the requester chose (its GET /v1/models `agentId`). Its
   * wallet, read from the AgentRegistry, is the only account that can fulfil the job, and may not be the only
   * contributor of the pinned key's setup.
   */
  workerAgentId: bigint;
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
  /** How long to wait for the attestation (default 5 minutes). */
  timeoutMs?: number;
  /**
   * Wraps each step (open, deliver, attest): called with the step and the function that runs it, it returns what
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
};

const identity = <T>(_step: RequestInferenceStep, run: () => Promise<T>) => run();

/**
 * Buys one proven inference: holds the registration against the requester's pin (checkModelPin), commits the input
 * with a random salt, opens an escrow job for `modelId` reserved for `workerAgentId` and paid with an ERC-2612 permit,
 * hands the input and salt to the worker, waits until the proof is verified and attested on-chain, and decodes the
 * attested outputs. Everything that can be refused is refused before paying: a payment below the worker's floor, a
 * registration that is not what was pinned (weights, key, verifier code, setup contributors), an unknown worker agent,
 * scales that do not match the outputs, an input outside the fixed-point range. After the job is open, a failure
 * leaves it open: refund it with refundJob once its deadline has passed.
 *
 * @example
 * const { jobId, values } = await requestInference({ publicClient, walletClient, escrow, workerUrl, modelId: 1n,
 *   pin, workerAgentId: 2n, input: [128n, -307n, 77n, 0n, 26n, 0n, 256n, -128n], amount: 2_000_000n, outputScales: 8 });
 */
export async function requestInference({
  publicClient,
  walletClient,
  escrow,
  workerUrl,
  modelId,
  pin,
  workerAgentId,
  trustSetup,
  workerMinPrice,
  input,
  amount,
  outputScales,
  deadlineSeconds = 600,
  timeoutMs = 300_000,
  onStep = identity,
}: RequestInferenceParameters): Promise<RequestInferenceReturnType> {
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
  if (typeof workerAgentId !== "bigint" || workerAgentId < 1n) {
    throw new InvalidParameterError({
      parameter: "workerAgentId",
      value: workerAgentId,
      expected:
        "the ERC-8004 agent id of the worker you chose (its GET /v1/models agentId): a job is never open to any worker",
    });
  }
  const [attestor, registry, agentRegistry] = await Promise.all([
    publicClient.readContract({ address: escrow, abi: inferenceEscrowAbi, functionName: "attestor" }),
    publicClient.readContract({ address: escrow, abi: inferenceEscrowAbi, functionName: "modelRegistry" }),
    publicClient.readContract({ address: escrow, abi: inferenceEscrowAbi, functionName: "agentRegistry" }),
  ]);
  const worker = await workerWallet({ client: publicClient, agentRegistry, workerAgentId });
  const model = await checkModelPin({ client: publicClient, registry, modelId, pin, worker, trustSetup });
  const scales =
    typeof outputScales === "number" ? Array.from({ length: model.numOutputs }, () => outputScales) : [...outputScales];
  if (scales.length !== model.numOutputs || scales.some((s) => !Number.isSafeInteger(s) || s < 0)) {
    throw new InvalidParameterError({
      parameter: "outputScales",
      value: JSON.stringify(outputScales),
      expected: `one non-negative whole scale, or ${model.numOutputs} of them (model ${modelId} has ${model.numOutputs} outputs)`,
    });
  }
  // Loaded here, not at the top: @convergence/zk brings snarkjs and circomlibjs, which every other action can do without.
  const { commitInput, randomSalt } = await import("@convergence/zk");
  const salt = randomSalt();
  const inputCommitment = await commitInput({ input, salt });

  const { timestamp } = await publicClient.getBlock();
  const deadline = timestamp + BigInt(deadlineSeconds);
  const opened = await onStep({ name: "open", modelId, amount, deadline }, () =>
    openJob({
      client: walletClient,
      escrow,
      modelId,
      inputCommitment,
      amount,
      deadline,
      workerAgentId,
      payment: "permit",
    }),
  );
  const { jobId } = opened;
  await onStep({ name: "deliver", jobId, workerUrl }, () =>
    deliverJobInput({ workerUrl, jobId, input, salt, maxRetries: 5 }),
  );
  const attestation = await onStep({ name: "attest", jobId }, () =>
    waitForAttestation({ client: publicClient, escrow, attestor, jobId, timeoutMs }),
  );
  const validation = await getValidation({
    client: publicClient,
    attestor,
    requestHash: attestation.validationRequestHash,
  });
  // The worker's view is a convenience (timings, its fulfil transaction): the attestation above is the proof. Signed
  // as the requester: the worker may not have seen its fulfil mined yet, and shows the output before then only to it.
  const workerJob = await getWorkerJob({ workerUrl, jobId, requester: { client: walletClient, escrow } }).catch(
    () => undefined,
  );
  return {
    jobId,
    modelId,
    inputCommitment,
    salt,
    open: { hash: opened.hash, receipt: opened.receipt },
    attestation,
    validation,
    outputs: attestation.outputs,
    values: attestation.outputs.map((v, i) => Number(v) / 2 ** scales[i]!),
    workerJob,
  };
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
