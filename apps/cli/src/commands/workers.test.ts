import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devnetAccounts, reputationRegistryAbi } from "@convergence/contracts";
import { createClients, giveFeedback, readAllFeedback, registerAgent } from "@convergence/sdk";
import { Command } from "commander";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type StartDevnetStackReturnType, startDevnetStack } from "../demo/startDevnetStack.ts";
import { registerJobCommand } from "./job.ts";
import { registerWorkersCommand } from "./workers.ts";

let output = "";
let errors = "";
beforeEach(() => {
  output = "";
  errors = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    errors += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

async function run(...args: string[]) {
  output = "";
  const program = new Command("convergence").exitOverride().configureOutput({ writeErr: () => undefined });
  registerWorkersCommand(program);
  registerJobCommand(program);
  await program.parseAsync(["node", "convergence", ...args]);
  return output;
}

type Listed = {
  chosen: string | null;
  trustedClients: string[];
  workers: {
    agentId: string;
    url: string;
    wallet: string;
    price: string;
    model: { name: string; modelId: string; price: string };
    reputation: { count: number };
    stats: { open: number; failedOver: number };
    validations: number;
    chosen: boolean;
    rank: number | null;
    ineligible: string | null;
  }[];
  skipped: unknown[];
};

/** The open market from the command line, on a live chain with two real worker processes (convergence devnet --workers 2). */
describe("convergence workers / job open in the market", () => {
  let stack: StartDevnetStackReturnType;
  let dir: string;
  const requester = devnetAccounts({ count: 1 })[0]!;
  const features = [0.5, -1.2, 0.3, 0, 0.1, 0, 1, -0.5];
  const previous = {
    deployments: process.env.CONVERGENCE_DEPLOYMENTS_DIR,
    workerUrl: process.env.CONVERGENCE_WORKER_URL,
    trusted: process.env.CONVERGENCE_TRUSTED_CLIENTS,
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cli-workers-"));
    process.env.CONVERGENCE_DEPLOYMENTS_DIR = dir;
    delete process.env.CONVERGENCE_WORKER_URL;
    delete process.env.CONVERGENCE_TRUSTED_CLIENTS;
    stack = await startDevnetStack({
      port: 0,
      workerPort: 0,
      workers: 2,
      deploymentsDir: dir,
      storeRoot: dir,
      market: false,
    });
  });
  afterAll(async () => {
    await stack?.stop();
    for (const [key, value] of [
      ["CONVERGENCE_DEPLOYMENTS_DIR", previous.deployments],
      ["CONVERGENCE_WORKER_URL", previous.workerUrl],
      ["CONVERGENCE_TRUSTED_CLIENTS", previous.trusted],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("workers list --json: both workers with their agent, url and price; the cheaper one marked as the rule's choice", async () => {
    const listed = JSON.parse(
      await run("workers", "list", "--model", "risk-v1", "--rpc", stack.chain.url, "--json"),
    ) as Listed;
    const [first, second] = stack.workers;
    expect(listed.workers).toHaveLength(2);
    const byAgent = new Map(listed.workers.map((w) => [w.agentId, w]));
    expect(byAgent.get(first!.agentId.toString())).toMatchObject({
      url: first!.url,
      wallet: first!.account,
      price: "0.17",
      model: { name: "risk-v1", modelId: stack.model.modelId.toString(), price: "170000" },
      chosen: false,
      rank: 2,
      ineligible: null,
    });
    expect(byAgent.get(second!.agentId.toString())).toMatchObject({
      url: second!.url,
      wallet: second!.account,
      price: "0.16",
      model: { price: "160000" },
      chosen: true,
      rank: 1,
    });
    expect(listed.chosen).toBe(second!.agentId.toString());
    expect(listed.trustedClients).toEqual([requester.address]);
    for (const worker of listed.workers) {
      expect(worker.reputation.count).toBe(0);
      expect(worker.stats).toMatchObject({ open: 0, failedOver: 0 });
    }

    // The human table marks the same worker, and states the rule.
    await run("workers", "list", "--model", "risk-v1", "--rpc", stack.chain.url);
    const chosenRow = output.split("\n").find((line) => line.startsWith("→"));
    expect(chosenRow).toContain(second!.url);
    expect(chosenRow).toContain("0.16 USDC");
    expect(output).toContain("Rule: eligible: price at most what the job pays");
  });

  it("workers list --pay: a worker asking more than the job pays is listed but not eligible, with the reason", async () => {
    const one = JSON.parse(
      await run("workers", "list", "--model", "risk-v1", "--pay", "0.165", "--rpc", stack.chain.url, "--json"),
    ) as Listed;
    expect(one.chosen).toBe(stack.workers[1]!.agentId.toString());
    expect(one.workers.find((w) => w.price === "0.17")?.ineligible).toMatch(
      /price 170000 base units is above the 165000/,
    );
    const none = JSON.parse(
      await run("workers", "list", "--model", "risk-v1", "--pay", "0.1", "--rpc", stack.chain.url, "--json"),
    ) as Listed;
    expect(none.chosen).toBeNull();
    expect(none.workers.every((w) => w.ineligible !== null && !w.chosen)).toBe(true);
  });

  it.each([
    [["workers", "list"], /required option '--model <name>' not specified/],
    [
      ["workers", "list", "--model", "risk-v1", "--trust-clients", "0x12,nope"],
      /Invalid --trust-clients entry: "0x12"/,
    ],
    [["workers", "list", "--model", "risk-v1", "--reputation-floor", "101"], /Invalid --reputation-floor: "101"/],
    [["workers", "list", "--model", "risk-v1", "--pay", "0"], /Invalid --pay: "0"/],
    [["workers", "list", "--model", "no-such-model"], /no-such-model/],
    [
      ["workers", "respond", "--agent", "1", "--client", "0x12", "--index", "1", "--uri", "x"],
      /Invalid --client: "0x12"/,
    ],
    [
      ["workers", "respond", "--agent", "1", "--client", requester.address, "--index", "0", "--uri", "x"],
      /Invalid --index: "0". Expected the feedback's index for that client, from 1/,
    ],
    [
      ["workers", "respond", "--agent", "1", "--client", requester.address, "--index", "1", "--uri", " "],
      /Invalid --uri/,
    ],
    [["job", "open", "--input", JSON.stringify(features), "--pay", "2", "--window", "0"], /Invalid --window: "0"/],
  ])("refuses %j, naming the problem", async (args, message) => {
    await expect(run(...args, "--rpc", stack.chain.url)).rejects.toThrow(message);
  });

  it("job open without a worker: chooses the cheaper worker, settles through it and gives it feedback", async () => {
    const result = JSON.parse(
      await run("job", "open", "--input", JSON.stringify(features), "--pay", "2", "--rpc", stack.chain.url, "--json"),
    ) as {
      workerAgentId: string;
      validation: { response: number; agentId: string };
      attestation: { worker: string };
      market: {
        chosen: { agentId: string; why: string };
        fulfilledBy: string;
        attempts: { agentId: string; outcome: string }[];
        feedback: { agentId: string; value: string; tag2: string; tx: string }[];
        found: { agentId: string }[];
      };
    };
    const cheaper = stack.workers[1]!;
    expect(result.market.found).toHaveLength(2);
    expect(result.market.chosen).toMatchObject({ agentId: cheaper.agentId.toString() });
    expect(result.market.chosen.why).toMatch(/the cheapest of 2 eligible workers \(the next asks 0.17 USDC\)/);
    expect(result.market.fulfilledBy).toBe(cheaper.agentId.toString());
    expect(result.market.attempts).toEqual([
      expect.objectContaining({ agentId: cheaper.agentId.toString(), outcome: "fulfilled" }),
    ]);
    expect(result.validation).toMatchObject({ response: 100, agentId: cheaper.agentId.toString() });
    expect(result.attestation.worker).toBe(cheaper.account);
    expect(result.market.feedback).toEqual([
      expect.objectContaining({
        agentId: cheaper.agentId.toString(),
        value: "100",
        tag2: expect.stringMatching(/^latencyMs:\d+$/),
      }),
    ]);
    const { publicClient } = createClients({ rpcUrl: stack.chain.url, chainId: 31337 });
    const recorded = await readAllFeedback({
      client: publicClient,
      registry: stack.chain.deployment.contracts.ReputationRegistry,
      agentId: cheaper.agentId,
      clientAddresses: [requester.address],
    });
    expect(recorded).toEqual([expect.objectContaining({ value: 100n, tag1: "successRate" })]);

    // The market now shows the rating.
    const listedAfter = JSON.parse(
      await run("workers", "list", "--model", "risk-v1", "--rpc", stack.chain.url, "--json"),
    ) as Listed;
    const rated = listedAfter.workers.find((w) => w.agentId === cheaper.agentId.toString())!;
    expect(rated.reputation).toMatchObject({ count: 1, successRate: 100 });
    expect(rated.validations).toBe(1);
  });

  it("job open without a worker prints the market's steps: the workers found, the choice and why, the feedback", async () => {
    const cheaper = stack.workers[1]!;
    await run("job", "open", "--input", JSON.stringify(features), "--pay", "2", "--rpc", stack.chain.url);
    expect(output).toMatch(/^Job \d+ settled: risk-v1 says (low|medium|high)/);
    expect(output).toMatch(
      new RegExp(
        `\\n  market: chose agent ${cheaper.agentId} \\(the cheapest of 2 eligible workers .*\\); feedback agent ${cheaper.agentId} 100 latencyMs:\\d+\\n`,
      ),
    );
    expect(errors).toContain(
      `  1. agent ${cheaper.agentId} at ${cheaper.url}: 0.16 USDC, 1 feedback (100% success, median `,
    );
    expect(errors).toContain("… Choosing a worker for risk-v1 by the rule");
    expect(errors).toContain(`  chose agent ${cheaper.agentId} at ${cheaper.url}`);
    expect(errors).toMatch(/the cheapest of 2 eligible workers \(the next asks 0\.17 USDC\)/);
    expect(errors).toMatch(new RegExp(`reserved for agent ${cheaper.agentId} until \\d\\d:\\d\\d:\\d\\d UTC`));
    expect(errors).toMatch(
      new RegExp(`✔ Feedback on job \\d+ for agent ${cheaper.agentId}: successRate 100, latencyMs:\\d+`),
    );
  });

  it("workers respond: the worker answers a feedback (appendResponse); a feedback that does not exist is named", async () => {
    const worker = stack.workers[0]!;
    const { walletClient, publicClient } = createClients({
      rpcUrl: stack.chain.url,
      chainId: 31337,
      account: requester,
    });
    const registry = stack.chain.deployment.contracts.ReputationRegistry;
    await giveFeedback({
      client: walletClient!,
      registry,
      agentId: worker.agentId,
      value: 0n,
      valueDecimals: 0,
      tag1: "successRate",
      tag2: "noShow",
      endpoint: worker.url,
      feedbackURI: "",
      feedbackHash: `0x${"00".repeat(32)}`,
    });
    const [entry] = await readAllFeedback({
      client: publicClient,
      registry,
      agentId: worker.agentId,
      clientAddresses: [requester.address],
    });
    const responded = JSON.parse(
      await run(
        "workers",
        "respond",
        "--agent",
        worker.agentId.toString(),
        "--client",
        requester.address,
        "--index",
        entry!.feedbackIndex.toString(),
        "--uri",
        "https://worker.example/responses/1.json",
        "--rpc",
        stack.chain.url,
        "--json",
      ),
    ) as { tx: string; responder: string };
    expect(responded.tx).toMatch(/^0x[0-9a-f]{64}$/);
    expect(responded.responder).toBe(worker.account);
    const count = await publicClient.readContract({
      address: registry,
      abi: reputationRegistryAbi,
      functionName: "getResponseCount",
      args: [worker.agentId, requester.address, entry!.feedbackIndex, []],
    });
    expect(count).toBe(1n);
    await expect(
      run(
        "workers",
        "respond",
        "--agent",
        worker.agentId.toString(),
        "--client",
        requester.address,
        "--index",
        "9",
        "--uri",
        "https://worker.example/responses/9.json",
        "--rpc",
        stack.chain.url,
      ),
    ).rejects.toThrow(/ReputationRegistryInvalidIndex/);
  });

  it("workers list prints no control character from a worker or its registration file (a terminal escape is defused)", async () => {
    // An agent whose registration file is not JSON and starts with an escape sequence: the parse error quotes it.
    const hostile = devnetAccounts({ count: 19 })[18]!;
    const { walletClient } = createClients({ rpcUrl: stack.chain.url, chainId: 31337, account: hostile });
    const content = "\u001b[2J\u001b]8;;https://evil.example\u0007click\u009b31m";
    const { agentId } = await registerAgent({
      client: walletClient!,
      registry: stack.chain.deployment.contracts.AgentRegistry,
      agentURI: `data:application/json;base64,${Buffer.from(content).toString("base64")}`,
    });
    const printed = await run("workers", "list", "--model", "risk-v1", "--rpc", stack.chain.url);
    expect(printed).toMatch(new RegExp(`agent ${agentId} is not listed: unreachable: .*not JSON`));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
    expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(printed).toContain("\uFFFD[2J");
    // --json keeps the text as it came, escaped by JSON.
    const listed = JSON.parse(
      await run("workers", "list", "--model", "risk-v1", "--rpc", stack.chain.url, "--json"),
    ) as Omit<Listed, "skipped"> & { skipped: { agentId: string; reason: string }[] };
    expect(listed.skipped.find((entry) => entry.agentId === agentId.toString())?.reason).toContain("\u001b[2J");
  });
});
