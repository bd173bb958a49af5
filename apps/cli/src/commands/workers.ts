import { DEVNET_CHAIN_ID, DEVNET_ROLE_INDEX, readDeployment } from "@convergence/contracts";
import {
  appendResponse,
  discoverWorkers,
  parseTrustedClients,
  resolveAccount,
  type WorkerListing,
} from "@convergence/sdk";
import type { Command } from "commander";
import { type Address, formatUnits, type Hex, maxUint256, parseUnits } from "viem";
import { connect } from "../chain/connect.ts";
import { requesterAccount } from "../chain/requesterAccount.ts";
import { InvalidArgumentError } from "../errors.ts";
import { describeListing } from "../market/describeListing.ts";
import { formatPercent } from "../market/formatPercent.ts";
import { rankWorkers } from "../market/rankWorkers.ts";
import { stripControlCharacters } from "../market/stripControlCharacters.ts";
import { parseAddress, parseAgentId, parsePercent, parseTrustClients, parseUsdc, rpcUrlFrom } from "../options.ts";
import { printResult } from "../output.ts";
import { resolvePin } from "../pin/resolvePin.ts";

type WorkersListOptions = {
  model: string;
  pay?: string;
  trustClients?: Address[];
  reputationFloor: number;
  pin?: string;
  rpc?: string;
  json?: boolean;
};

type WorkersRespondOptions = {
  agent: bigint;
  client: Address;
  index: bigint;
  uri: string;
  hash?: Hex;
  rpc?: string;
  json?: boolean;
};

/** The rule as `workers list` states it; chooseWorker (SDK) is the one that applies it. */
const RULE =
  "eligible: price at most what the job pays, and no trusted feedback yet or a success rate at or above the floor; " +
  "then lowest price, fewest open jobs, higher success rate, lower median latency, lower agent id";

function parseFeedbackIndex(value: string): bigint {
  if (!/^\d{1,20}$/.test(value) || BigInt(value) < 1n || BigInt(value) >= 2n ** 64n) {
    throw new InvalidArgumentError({
      argument: "--index",
      value,
      expected: "the feedback's index for that client, from 1 (ERC-8004 feedback indexes start at 1)",
    });
  }
  return BigInt(value);
}

function parseResponseUri(value: string): string {
  if (value.trim() === "") {
    throw new InvalidArgumentError({ argument: "--uri", value, expected: "a non-empty URI of your response" });
  }
  return value;
}

function parseBytes32(value: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new InvalidArgumentError({
      argument: "--hash",
      value,
      expected: "0x and 32 bytes of hex (the response's hash)",
    });
  }
  return value as Hex;
}

/** The account that answers feedback as the worker: WORKER_PRIVATE_KEY, or on the devnet the worker role (#2). */
function workerAccount({ chainId }: { chainId: number }) {
  return resolveAccount({
    setting: "WORKER_PRIVATE_KEY",
    privateKey: process.env.WORKER_PRIVATE_KEY,
    chainId,
    devnetIndex: DEVNET_ROLE_INDEX.worker,
    needs: "an account with gas (the worker's own, to answer as it)",
  });
}

/**
 * `convergence workers ...`: the open market. `workers list` finds the workers serving a pinned model (the
 * AgentRegistry's agents, each one's ERC-8004 registration file, checked against the pin), with their price,
 * reputation over the clients the requester trusts, validations and escrow figures, and marks the one the rule would
 * choose (the SDK's chooseWorker). `workers respond` answers a feedback (ReputationRegistry.appendResponse).
 */
export function registerWorkersCommand(program: Command): void {
  const workers = program
    .command("workers")
    .description("The open market: list the workers serving a model, answer feedback as a worker.");
  workers
    .command("list")
    .description(
      "List the workers serving a pinned model: url, price, reputation over trusted clients, validations, recent failures, open jobs; mark the rule's choice.",
    )
    .requiredOption(
      "--model <name>",
      "the model, e.g. risk-v1 (pinned by --pin, its bundled release or this machine's setup)",
    )
    .option(
      "--pay <usdc>",
      "what a job would pay: workers asking more are not eligible (default: no limit)",
      parseUsdc("--pay"),
    )
    .option(
      "--trust-clients <addresses>",
      "comma-separated clients whose feedback counts besides the requester's own (default CONVERGENCE_TRUSTED_CLIENTS)",
      parseTrustClients,
    )
    .option(
      "--reputation-floor <percent>",
      "least success rate of a worker with trusted feedback",
      parsePercent("--reputation-floor"),
      80,
    )
    .option(
      "--pin <release.json>",
      "pin the model by this release file (default: the bundled release, else this machine's setup)",
    )
    .option("--rpc <url>", "JSON-RPC URL (default CONVERGENCE_RPC_URL or http://127.0.0.1:8545)")
    .option("--json", "print the listings as JSON")
    .action(async (options: WorkersListOptions) => {
      const rpcUrl = rpcUrlFrom(options.rpc);
      const { chainId, publicClient } = await connect({ rpcUrl });
      const deployment = readDeployment({ chainId });
      const { contracts } = deployment;
      const { pin, source } = await resolvePin({
        name: options.model,
        ...(options.pin === undefined ? {} : { file: options.pin }),
      });
      // The requester's own feedback always counts. Off the devnet without REQUESTER_PRIVATE_KEY there is no requester
      // (listing pays nothing): only the named clients count. A key that is set but unusable is still an error.
      const requester: Address | undefined =
        chainId !== DEVNET_CHAIN_ID && !process.env.REQUESTER_PRIVATE_KEY?.trim()
          ? undefined
          : requesterAccount({ chainId }).address;
      const named =
        options.trustClients ??
        parseTrustedClients({ value: process.env.CONVERGENCE_TRUSTED_CLIENTS, source: "CONVERGENCE_TRUSTED_CLIENTS" });
      const trustedClients = [...new Set([...(requester ? [requester] : []), ...named])];
      const listings = await discoverWorkers({
        publicClient,
        contracts,
        fromBlock: BigInt(deployment.startBlock),
        pin,
        trustedClients,
      });
      const maxPrice = options.pay === undefined ? maxUint256 : parseUnits(options.pay, 6);
      const { ranked, ineligible } = rankWorkers({
        listings,
        maxPrice,
        reputationFloor: options.reputationFloor,
      });
      const chosen = ranked[0];
      const reasons = new Map(ineligible.map(({ listing, reason }) => [listing.agentId, reason]));
      const data = {
        model: options.model,
        chainId,
        pin: source,
        trustedClients,
        rule: { maxPrice: options.pay ?? null, reputationFloor: options.reputationFloor, text: RULE },
        chosen: chosen?.agentId ?? null,
        workers: listings.map((listing) => ({
          ...listing,
          price: formatUnits(listing.model.price, 6),
          chosen: listing === chosen,
          rank: ranked.includes(listing) ? ranked.indexOf(listing) + 1 : null,
          ineligible: reasons.get(listing.agentId) ?? null,
        })),
        skipped: listings.skipped,
      };
      printResult({
        json: options.json,
        data,
        human: (d) =>
          [
            `Workers serving ${d.model} on chain ${d.chainId} (pinned by ${{ file: "the --pin release file", release: "its bundled release", setup: "this machine's own setup" }[d.pin]}); reputation over ${d.trustedClients.length} trusted client${d.trustedClients.length === 1 ? "" : "s"}${requester ? ` (you: ${requester})` : " (no REQUESTER_PRIVATE_KEY: only --trust-clients / CONVERGENCE_TRUSTED_CLIENTS)"}.`,
            ...table(d.workers),
            "",
            chosen
              ? `→ the rule chooses ${describeListing({ listing: chosen })}.`
              : `No worker is eligible${d.workers.length ? "" : `: none serves ${d.model} with the pinned commitment and key`}.`,
            ...d.workers
              .filter((w) => w.ineligible)
              .map((w) => `  agent ${w.agentId} is not eligible: ${w.ineligible}.`),
            ...d.skipped.map((s) => `  agent ${s.agentId} is not listed: ${s.reason}.`),
            `Rule: ${RULE} (floor ${d.rule.reputationFloor}%${d.rule.maxPrice ? `, paying ${d.rule.maxPrice} USDC` : ""}).`,
          ]
            // URLs and reasons come from workers and their registration files: no terminal escapes get through.
            .map((line) => stripControlCharacters({ text: line }))
            .join("\n"),
      });
    });

  workers
    .command("respond")
    .description("Answer a feedback given to your agent (ERC-8004 ReputationRegistry.appendResponse), as the worker.")
    .requiredOption("--agent <id>", "the agent the feedback is about (yours)", parseAgentId("--agent"))
    .requiredOption("--client <address>", "who gave the feedback", parseAddress("--client"))
    .requiredOption("--index <n>", "the feedback's index for that client (from 1)", parseFeedbackIndex)
    .requiredOption(
      "--uri <responseURI>",
      "where your response is (e.g. an https:// or ipfs:// document)",
      parseResponseUri,
    )
    .option("--hash <bytes32>", "the response document's hash (default none)", parseBytes32)
    .option("--rpc <url>", "JSON-RPC URL (default CONVERGENCE_RPC_URL or http://127.0.0.1:8545)")
    .option("--json", "print the result as JSON")
    .action(async (options: WorkersRespondOptions) => {
      const rpcUrl = rpcUrlFrom(options.rpc);
      const { chainId } = await connect({ rpcUrl });
      const account = workerAccount({ chainId });
      const { walletClient } = await connect({ rpcUrl, account });
      const deployment = readDeployment({ chainId });
      const { ReputationRegistry: registry } = deployment.contracts;
      const { hash } = await appendResponse({
        client: walletClient!,
        registry,
        agentId: options.agent,
        clientAddress: options.client,
        feedbackIndex: options.index,
        responseURI: options.uri,
        ...(options.hash === undefined ? {} : { responseHash: options.hash }),
      });
      printResult({
        json: options.json,
        data: {
          agentId: options.agent,
          client: options.client,
          feedbackIndex: options.index,
          responseURI: options.uri,
          responder: account.address,
          tx: hash,
        },
        human: (d) =>
          `Responded to feedback ${d.feedbackIndex} by ${d.client} on agent ${d.agentId} as ${d.responder}: ${d.responseURI} (tx ${d.tx}).`,
      });
    });
}

type Row = WorkerListing & { price: string; chosen: boolean };

/** The listings as aligned columns; the rule's choice marked with →. */
function table(rows: readonly Row[]): string[] {
  if (rows.length === 0) return ["  (no worker serves it)"];
  const header = [
    "",
    "AGENT",
    "URL",
    "PRICE",
    "FEEDBACK",
    "SUCCESS",
    "MEDIAN",
    "VALIDATIONS",
    "RECENT FAILURES",
    "OPEN JOBS",
  ];
  const cells = rows.map((row) => [
    row.chosen ? "→" : "",
    row.agentId.toString(),
    row.url,
    `${row.price} USDC`,
    String(row.reputation.count),
    row.reputation.successRate === undefined ? "-" : formatPercent(row.reputation.successRate),
    row.reputation.medianLatencyMs === undefined ? "-" : `${Math.round(row.reputation.medianLatencyMs)} ms`,
    String(row.validations),
    String(row.stats.failedOver),
    String(row.stats.open),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]!.length)));
  const format = (line: string[]) => `${line.map((cell, i) => cell.padEnd(widths[i]!)).join("  ")}`.trimEnd();
  return [format(header), ...cells.map(format)];
}
