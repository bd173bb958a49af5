import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devnetAccounts, usdcAbi, writeDeployment } from "@convergence/contracts";
import {
  deployStack,
  type LaunchWorkerReturnType,
  launchWorker,
  type StartNodeReturnType,
  startNode,
} from "@convergence/devnet";
import { loadModel, loadModelPin } from "@convergence/models";
import { createClients, getJob, WORKER_CHALLENGE_HEADER, workerIdentityMessage } from "@convergence/sdk";
import { forward, quantizeValue } from "@convergence/zk";
import { Command } from "commander";
import type { Hex } from "viem";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { registerJobCommand } from "./job.ts";

let output = "";
beforeEach(() => {
  output = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

async function run(...args: string[]) {
  const program = new Command("convergence").exitOverride();
  registerJobCommand(program);
  await program.parseAsync(["node", "convergence", ...args]);
  return output;
}

/** `convergence job open` against a live chain and a worker process (apps/worker/src/main.ts, as `pnpm worker`). */
describe("convergence job open", () => {
  let node: StartNodeReturnType;
  let worker: LaunchWorkerReturnType | undefined;
  let workerUrl: string;
  let dir: string;
  const features = [0.5, -1.2, 0.3, 0, 0.1, 0, 1, -0.5];
  const accounts = devnetAccounts({ count: 5 });
  /** A release file for risk-v1 with the key this machine's worker proves with, naming `contributors`. */
  let releaseFile: (contributors: string[], patch?: Record<string, unknown>) => string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cli-job-"));
    node = await startNode({ port: 0 });
    const accounts = devnetAccounts({ count: 5 });
    const client = createClients({ rpcUrl: node.url, chainId: 31337, account: accounts[0]! }).walletClient!;
    writeDeployment({ deployment: await deployStack({ client, fund: accounts.map((a) => a.address) }), dir });
    process.env.CONVERGENCE_DEPLOYMENTS_DIR = dir;
    worker = await launchWorker({
      rpcUrl: node.url,
      deploymentsDir: dir,
      dbPath: join(dir, "jobs.sqlite"),
    });
    workerUrl = worker.url;
    const { pin } = await loadModelPin({ name: "risk-v1" });
    let files = 0;
    releaseFile = (contributors, patch = {}) => {
      const path = join(dir, `release-${files++}.json`);
      const release = {
        name: "risk-v1",
        commitment: pin.commitment.toString(),
        verificationKey: pin.verificationKey,
        contributors,
        ...patch,
      };
      writeFileSync(path, JSON.stringify(release));
      return path;
    };
  });
  afterAll(async () => {
    await worker?.stop();
    await node?.stop();
    delete process.env.CONVERGENCE_DEPLOYMENTS_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  it("pins risk-v1 by its published release, reserves the job for the advertised agent, settles and prints it", async () => {
    const out = await run(
      "job",
      "open",
      "--model",
      "risk-v1",
      "--input",
      JSON.stringify(features),
      "--pay",
      "2",
      "--worker-url",
      workerUrl,
      "--rpc",
      node.url,
      "--json",
    );
    const result = JSON.parse(out) as {
      jobId: string;
      paid: string;
      attestation: { outputs: string[]; worker: string };
      output: { values: number[]; label: string };
      validation: { response: number };
      fulfilTx: string;
      workerAgentId: string;
      pin: { source: string; contributors: string[]; trustSetup: string };
    };
    const { quantized, manifest } = await loadModel({ name: "risk-v1" });
    const input = features.map((value) => quantizeValue({ value, scale: manifest.scale }));
    const expected = forward({ model: quantized, input }).output;
    expect(result).toMatchObject({ paid: "2", validation: { response: 100 } });
    expect(result.attestation.outputs).toEqual(expected.map(String));
    expect(result.attestation.worker).toBe(devnetAccounts({ count: 3 })[2]!.address);
    expect(result.output.values).toEqual(expected.map((v) => Number(v) / 2 ** manifest.scale));
    expect(["low", "medium", "high"]).toContain(result.output.label);
    expect(result.fulfilTx).toMatch(/^0x[0-9a-f]{64}$/);
    // The release's signed contributor (the discarded release account), not the worker.
    const { pin } = await loadModelPin({ name: "risk-v1" });
    expect(result.pin).toEqual({ source: "release", contributors: pin.contributors, trustSetup: "attributed" });
    expect(result.pin.contributors).not.toContain(worker!.account);
    expect(result.workerAgentId).toBe(String(worker!.agentId));
    const client = createClients({ rpcUrl: node.url, chainId: 31337 }).publicClient;
    const { readDeployment } = await import("@convergence/contracts");
    const escrow = readDeployment({ chainId: 31337, dir }).contracts.InferenceEscrow;
    expect((await getJob({ client, escrow, jobId: BigInt(result.jobId) })).workerAgentId).toBe(worker!.agentId);
  });

  it("pins by a --pin release file and reserves the job for --worker-agent", async () => {
    // The publisher (devnet account 3) says it contributed: the requester trusts the release file that says so.
    const out = await run(
      "job",
      "open",
      "--input",
      JSON.stringify(features),
      "--pay",
      "2",
      "--pin",
      releaseFile([accounts[3]!.address]),
      "--worker-agent",
      String(worker!.agentId),
      "--worker-url",
      workerUrl,
      "--rpc",
      node.url,
      "--json",
    );
    const result = JSON.parse(out) as { validation: { response: number }; workerAgentId: string; pin: unknown };
    expect(result.validation.response).toBe(100);
    expect(result.workerAgentId).toBe(String(worker!.agentId));
    expect(result.pin).toEqual({ source: "file", contributors: [accounts[3]!.address], trustSetup: "attributed" });
  });

  it("pays for a key only the worker contributed to with --trust-any-setup (documented as unsafe)", async () => {
    const out = await run(
      "job",
      "open",
      "--input",
      JSON.stringify(features),
      "--pay",
      "2",
      "--pin",
      releaseFile([worker!.account]),
      "--trust-any-setup",
      "--worker-url",
      workerUrl,
      "--rpc",
      node.url,
      "--json",
    );
    const result = JSON.parse(out) as { validation: { response: number }; pin: unknown };
    expect(result.validation.response).toBe(100);
    expect(result.pin).toEqual({ source: "file", contributors: [worker!.account], trustSetup: "any" });
  });

  it("refuses, before paying, a pin whose only setup contributor is the worker, or a release of another model", async () => {
    const client = createClients({ rpcUrl: node.url, chainId: 31337 }).publicClient;
    const { readDeployment } = await import("@convergence/contracts");
    const { USDC } = readDeployment({ chainId: 31337, dir }).contracts;
    const balance = () =>
      client.readContract({ address: USDC, abi: usdcAbi, functionName: "balanceOf", args: [accounts[0]!.address] });
    const before = await balance();
    const open = (...args: string[]) =>
      run(
        "job",
        "open",
        "--input",
        JSON.stringify(features),
        "--pay",
        "2",
        "--worker-agent",
        String(worker!.agentId),
        "--rpc",
        node.url,
        "--worker-url",
        workerUrl,
        ...args,
      );
    await expect(open("--pin", releaseFile([worker!.account]))).rejects.toThrow(
      /Every phase-2 contributor of the key pinned for model \d+ is 0x[0-9a-fA-F]{40}, the wallet of the worker/,
    );
    await expect(open("--pin", releaseFile([]))).rejects.toThrow(/has no attributed phase-2 contribution/);
    await expect(open("--pin", releaseFile([accounts[3]!.address], { commitment: "12345" }))).rejects.toThrow(
      /registered with weight commitment \d+, not the trusted 12345: nothing was paid/,
    );
    await expect(open("--pin", releaseFile([accounts[3]!.address], { name: "other-model" }))).rejects.toThrow(
      /Invalid --pin: .*Expected the release of risk-v1 \(--model\); this file pins "other-model"/,
    );
    await expect(open("--pin", releaseFile(["0x1234"]))).rejects.toThrow(
      /Invalid --pin: .*contributors\.0: an address/,
    );
    await expect(open("--pin", join(dir, "absent.json"))).rejects.toThrow(/Invalid --pin: .*cannot be read \(ENOENT\)/);
    // What the numbers mean is pinned too: a worker that rescales the input or relabels the outputs is refused.
    const layout = { numInputs: 8, inputScale: 8, outputScales: [8, 8, 8], labels: ["low", "medium", "high"] };
    await expect(
      open("--pin", releaseFile([accounts[3]!.address], { layout: { ...layout, inputScale: 0 } })),
    ).rejects.toThrow(/advertises risk-v1's input scale as 8, but the pinned release says 0: nothing was paid/);
    await expect(
      open("--pin", releaseFile([accounts[3]!.address], { layout: { ...layout, labels: ["high", "medium", "low"] } })),
    ).rejects.toThrow(/advertises risk-v1's labels as \["low","medium","high"\], but the pinned release says/);
    await expect(
      open("--pin", releaseFile([accounts[3]!.address], { layout: { ...layout, extra: 1 } })),
    ).rejects.toThrow(/Invalid --pin: .*layout/);
    await expect(open("--worker-agent", "999", "--pin", releaseFile([accounts[3]!.address]))).rejects.toThrow(
      /Invalid workerAgentId: 999\. Expected an agent registered/,
    );
    expect(await balance()).toBe(before);
  });

  it("refuses, before paying, a worker that advertises another agent's id and cannot sign as it", async () => {
    // The attacker's worker: it repeats the honest worker's GET /v1/models (so the job would be reserved for the
    // honest agent) and signs the challenge with its own key, or not at all. It records what else it is sent.
    const stranger = devnetAccounts({ count: 5 })[4]!;
    const { readDeployment } = await import("@convergence/contracts");
    const { USDC, AgentRegistry } = readDeployment({ chainId: 31337, dir }).contracts;
    let signs = true;
    const received: string[] = [];
    const fake = createHttpServer(async (req, res) => {
      received.push(`${req.method} ${req.url}`);
      const body = (await (await fetch(`${workerUrl}/v1/models`)).json()) as {
        agentId: string;
        models: Record<string, unknown>[];
      };
      const challenge = req.headers[WORKER_CHALLENGE_HEADER] as Hex | undefined;
      if (challenge && signs) {
        const message = workerIdentityMessage({
          chainId: 31337,
          agentRegistry: AgentRegistry,
          agentId: BigInt(body.agentId),
          challenge,
        });
        const identity = { challenge, signature: await stranger.signMessage({ message }) };
        for (const model of body.models) model.identity = identity;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
    fake.listen(0, "127.0.0.1");
    await new Promise((resolve) => fake.once("listening", resolve));
    const fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    try {
      const client = createClients({ rpcUrl: node.url, chainId: 31337 }).publicClient;
      const balance = () =>
        client.readContract({ address: USDC, abi: usdcAbi, functionName: "balanceOf", args: [accounts[0]!.address] });
      const before = await balance();
      const open = () =>
        run(
          "job",
          "open",
          "--input",
          JSON.stringify(features),
          "--pay",
          "2",
          "--rpc",
          node.url,
          "--worker-url",
          fakeUrl,
        );
      await expect(open()).rejects.toThrow(
        `The worker at ${fakeUrl} advertises agent ${worker!.agentId}, whose wallet is ${worker!.account}, but its identity signature is by ${stranger.address}.`,
      );
      signs = false;
      await expect(open()).rejects.toThrow(
        /--worker-agent: the worker at .* does not prove which ERC-8004 agent it is \(GET \/v1\/models identity/,
      );
      expect(await balance()).toBe(before);
      // Only the challenged model list: no input was delivered to it.
      expect(received).toEqual(["GET /v1/models", "GET /v1/models"]);
    } finally {
      await new Promise((resolve) => fake.close(resolve));
    }
  });

  it.each([
    [["--input", "[1, 2", "--pay", "2"], /Invalid --input/],
    [["--input", "[1,2,3]", "--pay", "2"], /8 numbers for risk-v1/],
    [["--input", JSON.stringify(features), "--pay", "-1"], /Invalid --pay/],
    [["--input", JSON.stringify(features), "--pay", "2", "--deadline", "soon"], /Invalid --deadline/],
    [["--input", JSON.stringify(features), "--pay", "2", "--worker-url", "localhost"], /Invalid --worker-url/],
    [["--input", "[1.5,0,0,0,0,0,0,0]", "--pay", "2", "--quantized"], /integers from -32768 to 32767/],
    [["--input", JSON.stringify(features), "--pay", "2", "--model", "no-such-model"], /no-such-model/],
    [["--input", "[1e308,0,0,0,0,0,0,0]", "--pay", "2"], /--input\[0\] is 1e\+308, outside the fixed-point range/],
    [["--input", "[0,0,-1e308,0,0,0,0,0]", "--pay", "2"], /--input\[2\] is -1e\+308, outside the fixed-point range/],
    [["--input", "[1e400,0,0,0,0,0,0,0]", "--pay", "2"], /Invalid --input\[0\]: "Infinity". Expected a finite number/],
    [["--input", "[1e308,0,0,0,0,0,0,0]", "--pay", "2", "--quantized"], /integers from -32768 to 32767/],
    [["--input", JSON.stringify(features), "--pay", "9".repeat(400)], /Invalid --pay: .*2\^256 - 1 base units/],
    [["--input", JSON.stringify(features), "--pay", "1e308"], /Invalid --pay/],
    [["--input", JSON.stringify(features), "--pay", "2", "--deadline", "1e308"], /Invalid --deadline/],
    [["--input", JSON.stringify(features), "--pay", "2", "--timeout", "9".repeat(400)], /Invalid --timeout/],
    [["--input", JSON.stringify(features), "--pay", "2", "--worker-agent", "1e308"], /Invalid --worker-agent/],
    // Below the worker's advertised floor (0.16 USDC by default): refused before the job is opened and paid.
    [["--input", JSON.stringify(features), "--pay", "0.1"], /at least the worker's price floor for this model, 160000/],
  ])("refuses %j, naming the problem", async (args, message) => {
    await expect(run("job", "open", ...args, "--rpc", node.url, "--worker-url", workerUrl)).rejects.toThrow(message);
  });

  it("names the worker URL when no worker answers there", async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => probe.once("listening", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const absent = `http://127.0.0.1:${port}`;
    await expect(
      run("job", "open", "--input", JSON.stringify(features), "--pay", "1", "--rpc", node.url, "--worker-url", absent),
    ).rejects.toThrow(`No usable answer from the worker at ${absent}`);
  });
});
