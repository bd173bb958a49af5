/**
 * Step 10: the agent and intents.
 *
 * The agent is LangChain's createAgent with ten tools (get_balances, swap_tokens, request_verified_inference, ...).
 * Its default model is an embedded, deterministic intent grammar, so it runs offline with no API key; `--model
 * openai:<model>` or `ollama:<model>` swaps in a real LLM. First it only plans: English in, tool calls out (what
 * `pnpm convergence agent plan "<intent>" --json` prints), with refusals for anything it cannot read exactly. Then it
 * runs the showcase intent for real: every send passes the spending policy (caps, allowlist, slippage ceiling, an
 * on-chain simulation), and the swap only happens if the attested risk is low. On this fresh pool with no trading
 * history the model may well say "medium": then the agent does not swap, which is the point of the condition.
 *
 * This step starts the worker itself and stops it at the end.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAgentContext, parseIntent, runIntent, toPlanJson } from "@convergence/agent";
import { nextStep } from "./lib/nextStep.ts";
import { startWorker } from "./lib/startWorker.ts";
import { workshopChain } from "./lib/workshopChain.ts";

const SHOWCASE =
  "Get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low swap 100 USDC for WETH";
for (const intent of ["swap 100 USDC for WETH", "wrap 1.5 ETH then send half of it to vitalik", SHOWCASE]) {
  process.stdout.write(`plan "${intent}"\n  ${JSON.stringify(toPlanJson({ plan: parseIntent({ text: intent }) }))}\n`);
}

const { rpcUrl, deployment, accounts } = await workshopChain();
const worker = await startWorker({ rpcUrl });
try {
  process.env.CONVERGENCE_WORKER_URL = worker.url;
  const { context } = createAgentContext({
    rpcUrl,
    chainId: deployment.chainId,
    account: accounts[1]!,
    contracts: deployment.contracts,
    home: mkdtempSync(join(tmpdir(), "convergence-workshop-agent-")),
    yes: true,
  });
  process.stdout.write(`\nrun "${SHOWCASE}"\n`);
  const { answer } = await runIntent({
    intent: SHOWCASE,
    context,
    onEvent: (event) => {
      if (event.type === "call") process.stdout.write(`  → ${event.name} ${JSON.stringify(event.args)}\n`);
      if (event.type === "result")
        process.stdout.write(`  ${event.ok ? "✔" : "✖"} ${event.name}: ${event.text.slice(0, 160)}\n`);
    },
  });
  process.stdout.write(`  answer: ${answer.split("\n")[0]}\n`);
} finally {
  await worker.stop();
}
nextStep({
  command: "pnpm workshop 11",
  note: "The whole flow in one command, on a pool with a day of trading: pnpm demo",
});
