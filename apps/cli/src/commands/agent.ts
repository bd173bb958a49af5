import { createInterface } from "node:readline/promises";
import {
  type CreateAgentContextParameters,
  createAgentContext,
  createChatModel,
  type Plan,
  planIntent,
  readIntentCorpus,
  runIntent,
  scoreIntentCorpus,
  toPlanJson,
} from "@convergence/agent";
import { readDeployment } from "@convergence/contracts";
import type { Command } from "commander";
import type { Address } from "viem";
import { DEFAULT_DASHBOARD_ORIGINS } from "../agentServer/defaultDashboardOrigins.ts";
import { parseAllowedOrigin } from "../agentServer/parseAllowedOrigin.ts";
import { DEFAULT_AGENT_SERVER_PORT, startAgentServer } from "../agentServer/startAgentServer.ts";
import { connect } from "../chain/connect.ts";
import { describeEvent } from "../describeEvent.ts";
import { InvalidArgumentError } from "../errors.ts";
import { describeInferenceStep } from "../market/describeInferenceStep.ts";
import {
  configuredWorkerUrl,
  parsePercent,
  parsePort,
  parseSeconds,
  parseTrustClients,
  parseWorkerUrl,
  rpcUrlFrom,
} from "../options.ts";
import { printResult } from "../output.ts";
import { registerAgentSessionCommand } from "./agentSession.ts";
import { agentSigner } from "./agentSigner.ts";

/** Asks on the terminal; without one there is nobody to ask, so the policy refuses unless --yes. */
function terminalConfirm(): ((summary: string) => Promise<boolean>) | undefined {
  if (!process.stdin.isTTY) return undefined;
  return async (summary) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await rl.question(`Send ${summary}? [y/N] `);
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      rl.close();
    }
  };
}

/**
 * One line per planned call: `1. swap_tokens tokenIn=USDC tokenOut=WETH amountIn=100  (only if risk == low)`, and under
 * an inference the path it takes and why (`   why: quick: you said "quick answer", ...`).
 */
function describePlan(plan: Plan): string {
  if (plan.refusal !== undefined) return `Refused: ${plan.refusal}`;
  return [
    ...plan.calls.map((call, i) => {
      const args = Object.entries(call.args)
        .map(([key, value]) => `${key}=${value}`)
        .join(" ");
      const line = `${i + 1}. ${call.name} ${args}${call.condition ? `  (only if ${call.condition.text}, from step ${call.condition.dependsOn + 1})` : ""}`;
      return call.why === undefined ? line : `${line}\n   why: ${call.why}`;
    }),
    "Nothing was sent (plan only).",
  ].join("\n");
}

/** The options `agent run` and `agent chat` share: confirmation, the model, the chain, and where inference is bought. */
function addSessionOptions(command: Command): Command {
  return command
    .option("--yes", "send without asking for confirmation (the other policy rules still apply)")
    .option(
      "--model <provider:name>",
      "embedded, openai:<model> or ollama:<model> (default CONVERGENCE_MODEL or embedded)",
    )
    .option("--rpc <url>", "JSON-RPC URL (default CONVERGENCE_RPC_URL or http://127.0.0.1:8545)")
    .option(
      "--session",
      "run on the session key (default: whenever $CONVERGENCE_HOME/session-key.json exists; see agent session grant)",
    )
    .option("--no-session", "run on the agent's own key (AGENT_PRIVATE_KEY) even if a session key exists")
    .option(
      "--worker-url <url>",
      "buy verified inference from this worker only (default CONVERGENCE_WORKER_URL; with neither, the market chooses)",
      parseWorkerUrl,
    )
    .option(
      "--trust-clients <addresses>",
      "market: comma-separated clients whose feedback counts besides the agent's (default CONVERGENCE_TRUSTED_CLIENTS)",
      parseTrustClients,
    )
    .option(
      "--reputation-floor <percent>",
      "market: least success rate of a worker with trusted feedback (default 80)",
      parsePercent("--reputation-floor"),
    )
    .option(
      "--window <seconds>",
      "market: seconds each chosen worker has the job to itself (default 60)",
      parseSeconds("--window"),
    );
}

type MarketOptions = {
  workerUrl?: string;
  trustClients?: Address[];
  reputationFloor?: number;
  window?: number;
};

type SessionOptions = MarketOptions & {
  session?: boolean;
  yes?: boolean;
  model?: string;
  rpc?: string;
  say: (line: string) => void;
  confirm: ((summary: string) => Promise<boolean>) | undefined;
};

/** The agent's chain, account, deployment and market settings from the session options (as `agent run` uses them). */
async function sessionSettings({
  rpc,
  workerUrl,
  trustClients,
  reputationFloor,
  window,
  session,
}: MarketOptions & { rpc?: string | undefined; session?: boolean | undefined }) {
  const rpcUrl = rpcUrlFrom(rpc);
  const { chainId, publicClient } = await connect({ rpcUrl });
  const signer = await agentSigner({ chainId, publicClient, ...(session === undefined ? {} : { session }) });
  const deployment = readDeployment({ chainId });
  const worker = configuredWorkerUrl(workerUrl);
  return {
    worker,
    signer,
    contextParameters: {
      rpcUrl,
      chainId,
      ...(signer.kind === "session" ? { session: signer.session } : { account: signer.account }),
      contracts: deployment.contracts,
      ...(worker === undefined ? {} : { workerUrl: worker }),
      market: {
        fromBlock: BigInt(deployment.startBlock),
        ...(trustClients === undefined ? {} : { trustedClients: trustClients }),
        ...(reputationFloor === undefined ? {} : { reputationFloor }),
        ...(window === undefined ? {} : { exclusiveSeconds: window }),
      },
    } satisfies CreateAgentContextParameters,
  };
}

/** The model, the agent's account and its tools' context on the chain, with policy decisions streamed to `say`. */
async function startSession({ yes, model: modelSpec, say, confirm, ...options }: SessionOptions) {
  const model = createChatModel(modelSpec === undefined ? {} : { model: modelSpec });
  const { worker, signer, contextParameters } = await sessionSettings(options);
  const { chainId } = contextParameters;
  const { context, policy } = createAgentContext({
    ...contextParameters,
    // The verified inference's own steps (which worker, its window, failover, feedback) as they happen.
    onInferenceStep: (step, run) => {
      say(`  · ${describeInferenceStep({ step })}`);
      return run();
    },
    yes: yes === true,
    ...(confirm ? { confirm } : {}),
    onDecision: (_call, decision) =>
      say(
        decision.allowed
          ? `  policy: allowed (caps, allowlist, slippage; simulated${decision.simulation.ok && decision.simulation.gas ? `, ~${decision.simulation.gas} gas` : ""})`
          : `  policy: refused (${decision.violation.rule})`,
      ),
  });
  say(
    `Agent ${signer.address} on chain ${chainId} ${signer.line}; policy ${policy.path}${policy.created ? " (created from the defaults)" : ""}; verified inference from ${worker ?? "the open market (no CONVERGENCE_WORKER_URL)"}.`,
  );
  return { model, context, address: signer.address, chainId };
}

/** Lines of a stream, one at a time; null once it ends. */
function lineReader(input: NodeJS.ReadableStream) {
  const rl = createInterface({ input, terminal: false });
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let closed = false;
  rl.on("line", (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  rl.once("close", () => {
    closed = true;
    for (const next of waiting.splice(0)) next(null);
  });
  return {
    next: (): Promise<string | null> => {
      if (lines.length > 0) return Promise.resolve(lines.shift()!);
      if (closed) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => rl.close(),
  };
}

/**
 * `convergence agent plan "<intent>"`: prints the planned tool calls in the design's format and sends
 * nothing. `--model` (or CONVERGENCE_MODEL) picks the chat model: embedded (default), openai:<model>,
 * ollama:<model>.
 */
export function registerAgentCommand(program: Command): void {
  const agent = program.command("agent").description("Turn English intents into tool calls on the chain.");
  registerAgentSessionCommand(agent);
  agent
    .command("plan")
    .description("Print the tool calls an intent would make, without sending anything; or score a corpus of intents.")
    .argument("[intent]", 'what you want, in English, e.g. "swap 100 USDC for WETH"')
    .option("--json", 'print {"calls":[...]} or {"calls":[],"refusal":"..."}')
    .option(
      "--model <provider:name>",
      "embedded, openai:<model> or ollama:<model> (default CONVERGENCE_MODEL or embedded)",
    )
    .option(
      "--corpus <file.jsonl>",
      "plan every intent of a corpus (packages/agent/intents/public.jsonl's format) and compare with its expected calls; exits 1 if any differ",
    )
    .action(async (intent: string | undefined, options: { json?: boolean; model?: string; corpus?: string }) => {
      if ((intent === undefined) === (options.corpus === undefined)) {
        throw new InvalidArgumentError({
          argument: "<intent>",
          value: intent ?? "",
          expected: 'either one intent ("swap 100 USDC for WETH") or --corpus <file.jsonl>, not both',
        });
      }
      const model = createChatModel(options.model === undefined ? {} : { model: options.model });
      if (options.corpus !== undefined) {
        const entries = readIntentCorpus({ path: options.corpus });
        const score = await scoreIntentCorpus({
          entries,
          plan: async (text) => toPlanJson({ plan: await planIntent({ intent: text, model }) }),
        });
        if (score.failed > 0) process.exitCode = 1;
        printResult({
          json: options.json,
          data: score,
          human: ({ results, passed }) =>
            [
              ...results
                .filter((r) => !r.passed)
                .map(
                  (r) =>
                    `differs: ${JSON.stringify(r.intent)}\n  expected ${JSON.stringify(r.expected)}\n  planned  ${JSON.stringify(r.actual)}${r.refusal ? ` (${r.refusal})` : ""}`,
                ),
              `Planned ${passed} of ${results.length} intents as expected (${results.length - passed} differ).`,
            ].join("\n"),
        });
        return;
      }
      const plan = await planIntent({ intent: intent!, model });
      printResult({ json: options.json, data: toPlanJson({ plan }), human: () => describePlan(plan) });
    });
  addSessionOptions(
    agent
      .command("run")
      .description("Plan an intent and carry it out on the chain, through the spending policy, step by step.")
      .argument("<intent>", 'what you want, in English, e.g. "wrap 1 ETH then swap 1 WETH for USDC"'),
  )
    .option("--json", "print every message of the run as JSON at the end instead of streaming")
    .action(
      async (
        intent: string,
        options: MarketOptions & { session?: boolean; yes?: boolean; model?: string; rpc?: string; json?: boolean },
      ) => {
        const say = (line: string) => {
          if (!options.json) process.stdout.write(`${line}\n`);
        };
        const { model, context, address, chainId } = await startSession({
          ...options,
          say,
          confirm: terminalConfirm(),
        });
        const { events, answer } = await runIntent({
          intent,
          context,
          model,
          onEvent: (event) => say(describeEvent(event)),
        });
        if (options.json) printResult({ json: true, data: { intent, account: address, chainId, events, answer } });
      },
    );
  addSessionOptions(
    agent
      .command("serve")
      .description(
        "Serve the agent to the dashboard's intent console: HTTP and server-sent events on 127.0.0.1, keys and policy stay in this process, each confirmation is asked in the browser.",
      ),
  )
    .option("--host <host>", "interface to listen on: 127.0.0.1 only (anything else is refused)", "127.0.0.1")
    .option("--port <port>", "port to listen on (0 = any free port)", parsePort, DEFAULT_AGENT_SERVER_PORT)
    .option(
      "--allow-origin <origin>",
      `origin of a page that may call the endpoint, repeatable (default the dashboard: ${DEFAULT_DASHBOARD_ORIGINS.join(", ")})`,
      (value: string, previous: string[] | undefined) => [...(previous ?? []), parseAllowedOrigin(value)],
    )
    .option(
      "--confirm-timeout <seconds>",
      "a confirmation the browser does not answer within this is refused (default 120)",
      parseSeconds("--confirm-timeout"),
    )
    .action(
      async (
        options: MarketOptions & {
          session?: boolean;
          yes?: boolean;
          model?: string;
          rpc?: string;
          host: string;
          port: number;
          allowOrigin?: string[];
          confirmTimeout?: number;
        },
      ) => {
        const model = createChatModel(options.model === undefined ? {} : { model: options.model });
        const { worker, signer, contextParameters } = await sessionSettings(options);
        const allowedOrigins = options.allowOrigin ?? DEFAULT_DASHBOARD_ORIGINS;
        const server = await startAgentServer({
          ...contextParameters,
          model,
          host: options.host,
          port: options.port,
          allowedOrigins,
          yes: options.yes === true,
          ...(options.confirmTimeout === undefined ? {} : { confirmationTimeoutMs: options.confirmTimeout * 1000 }),
        });
        process.stdout.write(
          [
            `Agent endpoint: ${server.url}`,
            `  agent ${signer.address} on chain ${contextParameters.chainId} ${signer.line}; verified inference from ${worker ?? "the open market (no CONVERGENCE_WORKER_URL)"}.`,
            `  pages allowed to call it: ${allowedOrigins.join(", ")}${options.yes ? "; --yes: sends without asking" : "; every send is confirmed in the browser"}.`,
            "A dashboard whose /config.json names this URL as agentUrl talks to it (pnpm convergence devnet's dashboard talks to the endpoint devnet starts itself). Stop with Ctrl-C.",
            "",
          ].join("\n"),
        );
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off("SIGINT", stop);
            process.off("SIGTERM", stop);
            resolve();
          };
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
        await server.close();
      },
    );
  addSessionOptions(
    agent
      .command("chat")
      .description(
        'An interactive session: type an intent per line; each is planned and carried out like `agent run`. "exit" or end of input (Ctrl-D) ends it.',
      ),
  ).action(async (options: MarketOptions & { session?: boolean; yes?: boolean; model?: string; rpc?: string }) => {
    const say = (line: string) => process.stdout.write(`${line}\n`);
    const interactive = process.stdin.isTTY === true;
    const lines = lineReader(process.stdin);
    const prompt = (text: string) => {
      if (interactive) process.stderr.write(text);
    };
    // Confirmations read the same input as intents; piped input has nobody to ask, so the policy refuses.
    const confirm = interactive
      ? async (summary: string) => {
          prompt(`Send ${summary}? [y/N] `);
          return /^y(es)?$/i.test(((await lines.next()) ?? "").trim());
        }
      : undefined;
    try {
      const { model, context } = await startSession({ ...options, say, confirm });
      say('Type an intent, or "exit".');
      for (;;) {
        prompt("> ");
        const line = await lines.next();
        if (line === null || /^(exit|quit)$/i.test(line.trim())) break;
        const intent = line.trim();
        if (intent === "") continue;
        say(`» ${intent}`);
        try {
          await runIntent({ intent, context, model, onEvent: (event) => say(describeEvent(event)) });
        } catch (error) {
          // A model server that goes away ends this intent, not the session.
          say(`✖ ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      say("Bye.");
    } finally {
      lines.close();
    }
  });
}
