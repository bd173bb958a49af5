import { readDeployment } from "@convergence/contracts";
import {
  getWorkerModels,
  type ModelPin,
  type RequestInferenceReturnType,
  requestInference,
  verifyWorkerIdentity,
  WorkerInvalidAnswerError,
} from "@convergence/sdk";
import { quantizeValue, VALUE_MAX, VALUE_MIN } from "@convergence/zk";
import type { Command } from "commander";
import { type Address, formatUnits, parseUnits } from "viem";
import { connect } from "../chain/connect.ts";
import { requesterAccount } from "../chain/requesterAccount.ts";
import { InvalidArgumentError, SettingError, WorkerLayoutMismatchError } from "../errors.ts";
import { describeInferenceStep } from "../market/describeInferenceStep.ts";
import { type MarketJobSummary, openMarketJob } from "../market/openMarketJob.ts";
import {
  configuredWorkerUrl,
  DEFAULT_WORKER_URL,
  parseAgentId,
  parseInputArray,
  parsePercent,
  parseSeconds,
  parseTrustClients,
  parseUsdc,
  parseWorkerUrl,
  rpcUrlFrom,
} from "../options.ts";
import { printResult } from "../output.ts";
import { resolvePin } from "../pin/resolvePin.ts";
import { runStep } from "../progress.ts";

type JobOpenOptions = {
  model: string;
  input: number[];
  quantized?: boolean;
  pay: string;
  workerUrl?: string;
  workerAgent?: bigint;
  pin?: string;
  trustAnySetup?: boolean;
  deadline: number;
  timeout: number;
  trustClients?: Address[];
  reputationFloor: number;
  window: number;
  rpc?: string;
  json?: boolean;
};

/** `low (3.988, 2.016, -7.266)` for a labelled model, `score 0.938, decision 1` for named outputs. */
function describeOutput({ values, label, names }: { values: number[]; label?: string; names?: string[] }): string {
  const numbers = values.map((v) => (Number.isInteger(v) ? String(v) : v.toFixed(3)));
  if (names) return numbers.map((v, i) => `${names[i] ?? `output ${i}`} ${v}`).join(", ");
  return `${label ?? "?"} (${numbers.join(", ")})`;
}

/**
 * `convergence job ...`: inference jobs on the InferenceEscrow. `job open` pays for one proven inference: it pins the
 * model (release file, bundled release or own setup) and refuses, before paying, a registration that is not what it
 * pinned; then it opens the job reserved for the chosen worker's agent with an ERC-2612 permit, hands the private input
 * to the worker, waits for the on-chain attestation and prints it. With --worker-url (or CONVERGENCE_WORKER_URL) or
 * --worker-agent, that worker is the only one; with neither, the market chooses (openMarketJob): the workers serving
 * the pinned model are found through the AgentRegistry, ranked by the SDK's rule, the job is reserved for the first
 * for --window seconds, the next takes over when it does not prove in time, and each is given feedback.
 */
export function registerJobCommand(program: Command): void {
  const job = program.command("job").description("Inference jobs: pay in USDC for a result proven on-chain.");
  job
    .command("open")
    .description(
      "Open a job (USDC via permit), deliver the input to the worker, wait for the proof to settle on-chain, print the attestation.",
    )
    .option("--model <name>", "the model, as the worker serves it (GET /v1/models)", "risk-v1")
    .requiredOption("--input <json>", "a JSON array of numbers, one per model input (real values)", parseInputArray)
    .option("--quantized", "the input values are already fixed-point integers (round(v * 2^S))")
    .requiredOption(
      "--pay <usdc>",
      "USDC to escrow for the worker, e.g. 2 (with the market: the most to pay; the job pays the chosen worker's price)",
      parseUsdc("--pay"),
    )
    .option(
      "--worker-url <url>",
      "use this worker only (default CONVERGENCE_WORKER_URL; with neither it nor --worker-agent, the market chooses)",
      parseWorkerUrl,
    )
    .option(
      "--worker-agent <id>",
      `reserve the job for this ERC-8004 agent (default: the one the worker advertises on GET /v1/models, once it signs a fresh challenge with that agent's wallet; without --worker-url, the worker at ${DEFAULT_WORKER_URL})`,
      parseAgentId("--worker-agent"),
    )
    .option(
      "--pin <release.json>",
      "pin the model by this release file { name, commitment, verificationKey, contributors } (default: the bundled release, else this machine's own setup of the model or circuit package)",
    )
    .option(
      "--trust-any-setup",
      "UNSAFE: accept a pinned key with no signed setup contributor, or only the worker's (whoever ran that setup alone can forge proofs)",
    )
    .option(
      "--deadline <seconds>",
      "seconds the worker has to fulfil; refundable after",
      parseSeconds("--deadline"),
      600,
    )
    .option(
      "--timeout <seconds>",
      "how long to wait for the attestation of a named worker (the market waits until the deadline, then refunds)",
      parseSeconds("--timeout"),
      300,
    )
    .option(
      "--trust-clients <addresses>",
      "market: comma-separated clients whose feedback counts besides yours (default CONVERGENCE_TRUSTED_CLIENTS)",
      parseTrustClients,
    )
    .option(
      "--reputation-floor <percent>",
      "market: least success rate of a worker with trusted feedback",
      parsePercent("--reputation-floor"),
      80,
    )
    .option(
      "--window <seconds>",
      "market: seconds each chosen worker has the job to itself before the next one is tried",
      parseSeconds("--window"),
      60,
    )
    .option("--rpc <url>", "JSON-RPC URL (default CONVERGENCE_RPC_URL or http://127.0.0.1:8545)")
    .option("--json", "print the result as JSON")
    .action(async (options: JobOpenOptions) => {
      const configured = configuredWorkerUrl(options.workerUrl);
      const rpcUrl = rpcUrlFrom(options.rpc);
      const { chainId } = await connect({ rpcUrl });
      const account = requesterAccount({ chainId });
      const { publicClient, walletClient } = await connect({ rpcUrl, account });
      const deployment = readDeployment({ chainId });
      const { contracts } = deployment;
      const quiet = options.json;
      if (configured === undefined && options.workerAgent === undefined) {
        const { pin, source, layout } = await resolvePin({
          name: options.model,
          ...(options.pin === undefined ? {} : { file: options.pin }),
        });
        if (!layout) {
          throw new SettingError({
            setting: "--pin",
            problem: `the release file carries no layout (input width and scale, output scales, labels), and without --worker-url no worker is asked for it.`,
            fix: "Use a release file with its layout, or name a worker with --worker-url (its GET /v1/models describes the model).",
          });
        }
        const input = quantizeInput({ options, width: layout.numInputs, inputScale: layout.inputScale });
        const result = await openMarketJob({
          publicClient,
          walletClient: walletClient!,
          deployment,
          model: options.model,
          pin,
          ...(options.trustAnySetup ? { trustSetup: "any" as const } : {}),
          input,
          pay: options.pay,
          outputScales: layout.outputScales,
          deadlineSeconds: options.deadline,
          windowSeconds: options.window,
          reputationFloor: options.reputationFloor,
          trustClients: options.trustClients,
          quiet,
        });
        printJob({
          json: options.json,
          data: {
            ...jobData({ result, options, requester: account.address, pin, source, labels: layout.labels }),
            market: result.market,
          },
        });
        return;
      }
      const workerUrl = configured ?? DEFAULT_WORKER_URL;

      // The worker describes what it serves (an MLP or a circuit package): the requester needs no local copy. When the
      // job is to be reserved for the agent the worker names, the worker proves it is that agent first (it signs a
      // fresh challenge with the agent's wallet): one that names another agent would take the input and leave the job
      // to an agent that never sees it (WorkerIdentityMismatchError, before anything is paid).
      const identity =
        options.workerAgent === undefined
          ? await verifyWorkerIdentity({
              client: publicClient,
              agentRegistry: contracts.AgentRegistry,
              workerUrl,
            }).catch((error: unknown) => {
              if (!(error instanceof WorkerInvalidAnswerError) || !error.field.startsWith("models[].")) throw error;
              throw new SettingError({
                setting: "--worker-agent",
                problem: `the worker at ${workerUrl} does not prove which ERC-8004 agent it is (GET /v1/models ${error.field.slice("models[].".length)}: ${error.shortMessage})`,
                fix: "Pass --worker-agent <id>: the agent id of the worker you chose (the job is reserved for it).",
              });
            })
          : undefined;
      const models = identity?.models ?? (await getWorkerModels({ workerUrl }));
      const served = models.find((model) => model.name === options.model);
      if (!served?.modelId) {
        throw new SettingError({
          setting: "--model",
          problem: `the worker at ${workerUrl} does not serve ${options.model} on-chain.`,
          fix: "Pick a model from the worker's GET /v1/models, or start a worker that serves it (WORKER_MODELS).",
        });
      }
      // What the proof must verify under, and what its numbers mean, come from the requester's side, never from the
      // worker: the worker only names the registration id and its own agent, and requestInference holds both against
      // the pin before paying.
      const { pin, source, layout } = await resolvePin({
        name: options.model,
        ...(options.pin === undefined ? {} : { file: options.pin }),
      });
      const advertised = {
        numInputs: served.shape[0]!,
        inputScale: served.scale,
        outputScales: served.outputs?.map((output) => output.scale) ?? Array(served.shape.at(-1)!).fill(served.scale),
        labels: served.labels,
      };
      if (layout) {
        const fields = [
          ["input width", layout.numInputs, advertised.numInputs],
          ["input scale", layout.inputScale, advertised.inputScale],
          ["output scales", layout.outputScales, advertised.outputScales],
          ["labels", layout.labels, advertised.labels],
        ] as const;
        for (const [field, pinned, said] of fields) {
          if (JSON.stringify(pinned) !== JSON.stringify(said)) {
            throw new WorkerLayoutMismatchError({
              model: options.model,
              workerUrl,
              field,
              pinned: JSON.stringify(pinned),
              advertised: JSON.stringify(said),
            });
          }
        }
      } else if (!quiet) {
        process.stderr.write(
          `note: the --pin release carries no layout: the input scale and the labels are the worker's (GET /v1/models)\n`,
        );
      }
      const { numInputs: width, inputScale, outputScales, labels } = layout ?? advertised;
      const input = quantizeInput({
        options,
        width,
        inputScale,
        featureNames: (served.features ?? []).map((f) => f.name),
      });
      // Either the requester's own choice, or the agent the worker named and proved it is.
      const workerAgentId = options.workerAgent ?? identity!.agentId;
      const modelId = BigInt(served.modelId);
      const result = await requestInference({
        publicClient,
        walletClient: walletClient!,
        escrow: contracts.InferenceEscrow,
        workerUrl,
        modelId,
        pin,
        workerAgentId,
        ...(options.trustAnySetup ? { trustSetup: "any" as const } : {}),
        input,
        amount: parseUnits(options.pay, 6),
        ...(served.minPrice === undefined ? {} : { workerMinPrice: parseUnits(served.minPrice, 6) }),
        outputScales,
        deadlineSeconds: options.deadline,
        timeoutMs: options.timeout * 1000,
        onStep: (step, run) =>
          runStep({
            title: describeInferenceStep({ step, model: options.model }),
            quiet,
            run,
          }),
      });
      printJob({
        json: options.json,
        data: {
          ...jobData({ result, options, requester: account.address, pin, source, labels }),
          workerAgentId,
          ...(served.outputs
            ? { output: outputOf({ values: result.values, labels, names: served.outputs.map((o) => o.name) }) }
            : {}),
        },
      });
    });
}

/** The model input as the job commits to it: quantized at the model's scale, or taken as is with --quantized. */
function quantizeInput({
  options,
  width,
  inputScale,
  featureNames = [],
}: {
  options: JobOpenOptions;
  width: number;
  inputScale: number;
  featureNames?: string[];
}): bigint[] {
  if (options.input.length !== width) {
    throw new InvalidArgumentError({
      argument: "--input",
      value: JSON.stringify(options.input),
      expected: `${width} numbers for ${options.model} (${featureNames.join(", ") || "its inputs"})`,
    });
  }
  return options.input.map((value, index) => {
    if (!options.quantized) return quantizeValue({ value, scale: inputScale, what: `--input[${index}]` });
    if (!Number.isInteger(value) || value < Number(VALUE_MIN) || value > Number(VALUE_MAX)) {
      throw new InvalidArgumentError({
        argument: "--input",
        value: String(value),
        expected: `integers from ${VALUE_MIN} to ${VALUE_MAX} with --quantized`,
      });
    }
    return BigInt(value);
  });
}

function outputOf({ values, labels, names }: { values: number[]; labels: string[]; names?: string[] }) {
  const best = values.reduce((at, v, i) => (v > values[at]! ? i : at), 0);
  return { values, label: labels.length === values.length ? labels[best] : undefined, ...(names ? { names } : {}) };
}

/** What `job open` prints of a settled job, whichever way the worker was found. */
function jobData({
  result,
  options,
  requester,
  pin,
  source,
  labels,
}: {
  result: RequestInferenceReturnType;
  options: JobOpenOptions;
  requester: Address;
  pin: ModelPin;
  source: "file" | "release" | "setup";
  labels: string[];
}) {
  const { attestation, validation, values, workerJob: worker } = result;
  return {
    jobId: result.jobId,
    model: options.model,
    modelId: result.modelId,
    requester,
    workerAgentId: validation.agentId,
    pin: { source, contributors: pin.contributors, trustSetup: options.trustAnySetup ? "any" : "attributed" },
    paid: formatUnits(result.paid, 6),
    openTx: result.open.hash,
    attestation,
    output: outputOf({ values, labels }),
    validation: { agentId: validation.agentId, response: validation.response, validator: validation.validator },
    fulfilTx: worker?.txHashes.at(-1),
    timings: worker?.timings,
  };
}

function printJob({
  json,
  data,
}: {
  json: boolean | undefined;
  data: ReturnType<typeof jobData> & { market?: MarketJobSummary } & Record<string, unknown>;
}): void {
  const market = ({ market: m }: { market?: MarketJobSummary }) =>
    m?.chosen
      ? [
          `  market: chose agent ${m.chosen.agentId} (${m.chosen.why})${m.attempts.length > 1 ? `; tried ${m.attempts.map((a) => `agent ${a.agentId} (${a.outcome})`).join(", ")}` : ""}; feedback ${m.feedback.map((f) => `agent ${f.agentId} ${f.value}${f.tag2 ? ` ${f.tag2}` : ""}${f.error ? ` (not recorded: ${f.error})` : ""}`).join(", ") || "none"}`,
        ]
      : [];
  printResult({
    json,
    data,
    human: (d) =>
      [
        `Job ${d.jobId} settled: ${d.model} says ${describeOutput(d.output)}`,
        `  attested on-chain for worker ${d.attestation.worker} (agent ${d.validation.agentId}, validation response ${d.validation.response})`,
        `  paid ${d.paid} USDC; open ${d.openTx}${d.fulfilTx ? `, fulfil ${d.fulfilTx}` : ""}`,
        ...market(d),
        `  pinned by ${{ file: "the --pin release file", release: "the bundled release", setup: "this machine's own setup" }[d.pin.source]} (setup contributors: ${d.pin.contributors.join(", ") || "none"}${d.pin.trustSetup === "any" ? "; --trust-any-setup" : ""})`,
      ].join("\n"),
  });
}
