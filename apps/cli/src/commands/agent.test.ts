import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { intentCorpusPaths, normalizePlan, readIntentCorpus } from "@convergence/agent";
import { devnetAccounts, wethAbi, writeDeployment } from "@convergence/contracts";
import { deployStack, type StartNodeReturnType, startNode } from "@convergence/devnet";
import { createClients } from "@convergence/sdk";
import { Command } from "commander";
import { parseEther } from "viem";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { registerAgentCommand } from "./agent.ts";

let output = "";
beforeEach(() => {
  output = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

async function run(...args: string[]) {
  const program = new Command("convergence").exitOverride();
  registerAgentCommand(program);
  await program.parseAsync(["node", "convergence", ...args]);
  return output;
}

describe("convergence agent plan", () => {
  it("prints the design's JSON format and sends nothing", async () => {
    const out = await run("agent", "plan", "swap 100 USDC for WETH", "--json", "--model", "embedded");
    expect(JSON.parse(out)).toEqual({
      calls: [{ name: "swap_tokens", args: { tokenIn: "USDC", tokenOut: "WETH", amountIn: "100" } }],
    });
  });
  it("prints readable steps with conditions", async () => {
    const out = await run(
      "agent",
      "plan",
      "Get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low swap 100 USDC for WETH",
      "--model",
      "embedded",
    );
    expect(out).toMatch(/^1\. request_verified_inference model=risk-v1 subject=WETH\/USDC maxPayment=2\n/);
    expect(out).toMatch(/2\. swap_tokens .*\(only if risk == low, from step 1\)/);
    expect(out).toMatch(/Nothing was sent/);
  });
  it("says which inference path it chose and why", async () => {
    const intent = "what is the risk of WETH/USDC right now, quick answer is fine, at most 0.05 USDC";
    const out = await run("agent", "plan", intent, "--model", "embedded");
    expect(out).toMatch(
      /^1\. get_quick_inference model=risk-v1 subject=WETH\/USDC maxPayment=0\.05\n {3}why: quick: you said "quick answer", so an unproven answer paid per call over x402/,
    );
    output = "";
    const json = JSON.parse(await run("agent", "plan", intent, "--json", "--model", "embedded"));
    expect(json.calls[0]).toMatchObject({ name: "get_quick_inference", why: expect.stringMatching(/^quick: /) });
  });
  it("prints a refusal with no calls", async () => {
    const out = await run("agent", "plan", "swap some USDC for WETH", "--json", "--model", "embedded");
    expect(JSON.parse(out)).toMatchObject({ calls: [], refusal: expect.stringMatching(/"some" is not an amount/) });
  });
  it("fails on an unknown model, naming the accepted forms", async () => {
    await expect(run("agent", "plan", "wrap 1 ETH", "--model", "gpt-4")).rejects.toThrow(/openai:<model>/);
  });
  it("plans every line of the public corpus correctly, with the README's normalisation", async () => {
    for (const entry of readIntentCorpus({ path: intentCorpusPaths().public })) {
      output = "";
      const json = JSON.parse(await run("agent", "plan", entry.intent, "--json", "--model", "embedded"));
      expect(normalizePlan(json), entry.intent).toEqual(normalizePlan(entry));
    }
  });
  it("scores a corpus passed by path: the public corpus passes, a wrong expectation is named and exits 1", async () => {
    const all = JSON.parse(await run("agent", "plan", "--corpus", intentCorpusPaths().public, "--json"));
    expect(all.failed).toBe(0);
    expect(all.passed).toBe(readIntentCorpus({ path: intentCorpusPaths().public }).length);
    expect(process.exitCode ?? 0).toBe(0);

    const dir = mkdtempSync(join(tmpdir(), "cli-corpus-"));
    const path = join(dir, "corpus.jsonl");
    writeFileSync(
      path,
      `${JSON.stringify({ intent: "wrap 1 ETH", calls: [{ name: "wrap_eth", args: { amount: "2" } }] })}\n`,
    );
    try {
      output = "";
      const text = await run("agent", "plan", "--corpus", path);
      expect(text).toMatch(/differs: "wrap 1 ETH"\n {2}expected .*"amount":"2".*\n {2}planned {2}.*"amount":"1"/);
      expect(text).toMatch(/Planned 0 of 1 intents as expected \(1 differ\)\./);
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = 0;
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("refuses both an intent and --corpus, or neither", async () => {
    await expect(run("agent", "plan", "wrap 1 ETH", "--corpus", "x.jsonl")).rejects.toThrow(/either one intent/);
    await expect(run("agent", "plan")).rejects.toThrow(/either one intent/);
  });
});

describe("convergence agent chat", () => {
  let node: StartNodeReturnType;
  let dir: string;
  let weth: `0x${string}`;
  const agent = devnetAccounts({ count: 2 })[1]!;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cli-chat-"));
    node = await startNode({ port: 0 });
    const { walletClient } = createClients({
      rpcUrl: node.url,
      chainId: 31337,
      account: devnetAccounts({ count: 1 })[0]!,
    });
    const deployment = await deployStack({ client: walletClient!, fund: [agent.address] });
    weth = deployment.contracts.WETH;
    writeDeployment({ deployment, dir });
    vi.stubEnv("CONVERGENCE_DEPLOYMENTS_DIR", dir);
    vi.stubEnv("CONVERGENCE_HOME", join(dir, "home"));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const chat = (input: string, ...args: string[]) => {
    vi.spyOn(process, "stdin", "get").mockReturnValue(Readable.from([input]) as typeof process.stdin);
    return run("agent", "chat", "--rpc", node.url, "--model", "embedded", ...args);
  };
  const wethOf = () =>
    createClients({ rpcUrl: node.url, chainId: 31337 }).publicClient.readContract({
      address: weth,
      abi: wethAbi,
      functionName: "balanceOf",
      args: [agent.address],
    });

  it("plans and runs each piped line in turn, then ends at the end of input", async () => {
    const out = await chat("wrap 0.25 ETH\nwhat are my balances\n", "--yes");
    expect(out).toMatch(/» wrap 0\.25 ETH\n→ wrap_eth \{"amount":"0\.25"\}\n {2}policy: allowed/);
    expect(out).toMatch(/» what are my balances\n→ get_balances/);
    expect(out).toMatch(/"symbol":"WETH","balance":"0\.25"/);
    expect(out.trimEnd()).toMatch(/Bye\.$/);
    expect(await wethOf()).toBe(parseEther("0.25"));
  });

  it('stops at "exit", and without --yes piped input cannot confirm a send', async () => {
    const out = await chat("wrap 1 ETH\nexit\nwrap 2 ETH\n");
    expect(out).toMatch(/policy: refused \(confirmation\)/);
    expect(out).not.toMatch(/wrap 2 ETH/);
    expect(await wethOf()).toBe(parseEther("0.25"));
  });

  it("asks the worker named by --worker-url, and rejects a URL that is not http(s)", async () => {
    await expect(chat("what are my balances\n", "--worker-url", "ftp://127.0.0.1:1")).rejects.toThrow(
      /--worker-url.*ftp:\/\/127\.0\.0\.1:1.*http\(s\) URL/s,
    );
    const out = await chat(
      "get a verified risk score for WETH/USDC paying at most 2 USDC\n",
      "--yes",
      "--worker-url",
      "http://127.0.0.1:9",
    );
    expect(out).toMatch(/request_verified_inference/);
    expect(out).toMatch(/127\.0\.0\.1:9/);
  });
});
