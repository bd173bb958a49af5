import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createAgentContext,
  defaultPolicyConfig,
  grantAgentSession,
  type PolicyConfig,
  readSessionKey,
  runIntent,
  writeSessionKey,
} from "@convergence/agent";
import { poolAbi, usdcAbi, wethAbi, writeDeployment } from "@convergence/contracts";
import { type LaunchWorkerReturnType, launchWorker } from "@convergence/devnet";
import { getAccountDelegation, getAttestation, getJob, getSession, swapTokens } from "@convergence/sdk";
import { type Address, getAddress, type Hash, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/runCli.ts";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";

const SHOWCASE =
  "Get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low swap 100 USDC for WETH";

/**
 * Issue 18's agent side on a live chain: the owner (#1) delegates its EOA to the AgentAccount and grants a session key;
 * the agent, holding only that key, runs the showcase intent through the account (approve + open, approve + swap
 * batches; a real worker proves the job). The off-chain policy is the first line; with it loosened, the chain refuses by
 * name. The CLI's `agent session grant | show | revoke` and `agent run` on the key are run as a user would.
 */
describe("the agent on a session key of its owner's EIP-7702 account", () => {
  let devnet: Devnet;
  let worker: LaunchWorkerReturnType;
  let dir: string;
  const owner = () => devnet.accounts[1]!;
  const friend = () => devnet.accounts[4]!.address;
  const contracts = () => devnet.deployment.contracts;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "session-agent-e2e-"));
    devnet = await startDevnet();
    writeDeployment({ deployment: devnet.deployment, dir });
    worker = await launchWorker({ rpcUrl: devnet.url, deploymentsDir: dir, dbPath: join(dir, "jobs.sqlite") });
    // A calm, traded market with spread-out liquidity, which risk-v1 scores low (as in verifiedInference.test.ts).
    const lp = await devnet.publicClient.readContract({
      address: contracts().Pool,
      abi: poolAbi,
      functionName: "balanceOf",
      args: [devnet.accounts[0]!.address],
    });
    for (const holder of [5, 6, 7]) {
      await devnet.wallets[0]!.writeContract({
        address: contracts().Pool,
        abi: poolAbi,
        functionName: "transfer",
        args: [devnet.accounts[holder]!.address, (lp * 20n) / 100n],
      });
    }
    for (let i = 0; i < 3; i++) {
      const { amountOut } = await swapTokens({
        client: devnet.wallets[4]!,
        pool: contracts().Pool,
        tokenIn: contracts().USDC,
        amountIn: parseUnits("2000", 6),
        maxSlippageBps: 100,
      });
      await swapTokens({
        client: devnet.wallets[4]!,
        pool: contracts().Pool,
        tokenIn: contracts().WETH,
        amountIn: amountOut,
        maxSlippageBps: 100,
      });
    }
  }, 120_000);
  afterAll(async () => {
    await worker?.stop({ signal: "SIGTERM" });
    await devnet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const usdcOf = (address: Address) =>
    devnet.publicClient.readContract({
      address: contracts().USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [address],
    });
  const wethOf = (address: Address) =>
    devnet.publicClient.readContract({
      address: contracts().WETH,
      abi: wethAbi,
      functionName: "balanceOf",
      args: [address],
    });
  const senderOf = async (hash: Hash) => getAddress((await devnet.publicClient.getTransaction({ hash })).from);

  /** A home with this policy.json, a session key granted from it, and the agent's context on that key. */
  async function agentOnSession({ policy, name }: { policy: PolicyConfig; name: string }) {
    const home = join(dir, name);
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, "policy.json"), `${JSON.stringify(policy, null, 2)}\n`);
    const granted = await grantAgentSession({
      rpcUrl: devnet.url,
      chainId: 31337,
      owner: owner(),
      contracts: contracts(),
      home,
    });
    const read = readSessionKey({ home, chainId: 31337 });
    if (!read.found) throw new Error("no session key file");
    const { context } = createAgentContext({
      rpcUrl: devnet.url,
      chainId: 31337,
      session: { account: read.account, key: read.key },
      contracts: contracts(),
      home,
      workerUrl: worker.url,
      yes: true,
    });
    return { granted, read, context };
  }

  it("runs the showcase on the session key: the job's requester and the swap's recipient are the owner's account", async () => {
    const { granted, read, context } = await agentOnSession({
      policy: { ...defaultPolicyConfig, requireConfirmation: false },
      name: "showcase",
    });
    expect((await getAccountDelegation(devnet.publicClient, { account: owner().address })).implementation).toBe(
      contracts().AgentAccount,
    );
    expect(statSync(read.path).mode & 0o777).toBe(0o600);
    expect(read.key.address).not.toBe(owner().address);
    expect(granted.policy.recipients).toContain(contracts().WETH);

    const usdcBefore = await usdcOf(owner().address);
    const wethBefore = await wethOf(owner().address);
    const { events, answer } = await runIntent({ intent: SHOWCASE, context });
    const results = events.flatMap((e) => (e.type === "result" ? [e] : []));
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ["request_verified_inference", true],
      ["swap_tokens", true],
    ]);
    expect(answer).toMatch(/^Done\./);
    const inference = JSON.parse(results[0]!.text) as { jobId: string; txHash: Hash; risk: string; paid: string };
    expect(inference).toMatchObject({ risk: "low", paid: "2" });
    // The escrow's requester is the owner's account; the session key sent (and paid gas for) the approve + open batch.
    const job = await getJob({
      client: devnet.publicClient,
      escrow: contracts().InferenceEscrow,
      jobId: BigInt(inference.jobId),
    });
    expect(job.requester).toBe(owner().address);
    expect(job.status).toBe("fulfilled");
    expect(await senderOf(inference.txHash)).toBe(read.key.address);
    const attestation = await getAttestation({
      client: devnet.publicClient,
      attestor: contracts().InferenceAttestor,
      jobId: BigInt(inference.jobId),
    });
    expect(attestation.worker).toBe(devnet.accounts[2]!.address);
    // The swap: one batch (approve + swapExactIn) from the session key, WETH to the owner, no allowance left standing.
    const swap = JSON.parse(results[1]!.text) as { transactions: { hash: Hash }[] };
    expect(swap.transactions).toHaveLength(1);
    expect(await senderOf(swap.transactions[0]!.hash)).toBe(read.key.address);
    expect(await wethOf(owner().address)).toBeGreaterThan(wethBefore);
    expect(await usdcOf(owner().address)).toBe(usdcBefore - parseUnits("102", 6));
    const allowance = await devnet.publicClient.readContract({
      address: contracts().USDC,
      abi: usdcAbi,
      functionName: "allowance",
      args: [owner().address, contracts().Pool],
    });
    expect(allowance).toBe(0n);
    const session = await getSession(devnet.publicClient, { account: owner().address, session: read.key.address });
    expect(session.spentToday.find((s) => s.token === contracts().USDC)?.spent).toBe(parseUnits("102", 6));
  }, 300_000);

  it("an over-limit intent is refused off-chain first: nothing is built or sent", async () => {
    const { context, read } = await agentOnSession({
      policy: {
        ...defaultPolicyConfig,
        requireConfirmation: false,
        allowlist: { ownAccounts: true, addresses: [friend()] },
      },
      name: "offchain",
    });
    const nonce = await devnet.publicClient.getTransactionCount({ address: read.key.address });
    const before = await usdcOf(friend());
    const { events } = await runIntent({ intent: `send 2000 USDC to ${friend()}`, context });
    const result = events.find((e) => e.type === "result");
    expect(result).toMatchObject({ name: "transfer_tokens" });
    expect(result && "text" in result ? result.text : "").toMatch(/^Refused \(per-transaction-cap\)/);
    expect(await devnet.publicClient.getTransactionCount({ address: read.key.address })).toBe(nonce);
    expect(await usdcOf(friend())).toBe(before);
    // A quick (x402) answer needs an EIP-3009 signature by the owner's key: refused before anything is signed.
    const { events: quick } = await runIntent({
      intent: "what is the risk of WETH/USDC right now, quick answer is fine, at most 0.05 USDC",
      context,
    });
    const quickResult = quick.find((e) => e.type === "result");
    expect(quickResult).toMatchObject({ name: "get_quick_inference", ok: false });
    expect(quickResult && "text" in quickResult ? quickResult.text : "").toMatch(/cannot be paid on a session key/);
    expect(await devnet.publicClient.getTransactionCount({ address: read.key.address })).toBe(nonce);
  }, 120_000);

  it("with the off-chain cap raised past the grant, the chain refuses by name and moves nothing", async () => {
    const loose: PolicyConfig = {
      ...defaultPolicyConfig,
      perTransactionCap: { ETH: "100", WETH: "100", USDC: "100000" },
      dailyCap: { ETH: "100", WETH: "100", USDC: "100000" },
      requireConfirmation: false,
      allowlist: { ownAccounts: true, addresses: [friend()] },
      onChain: {
        perCallCap: { ETH: "0.1", WETH: "1", USDC: "50" },
        dailyCap: { ETH: "0.5", WETH: "5", USDC: "200" },
        recipients: [],
        targets: ["USDC", "WETH", "Pool", "InferenceEscrow", "ReputationRegistry"],
        expiresInHours: 1,
      },
    };
    const { context, read } = await agentOnSession({ policy: loose, name: "onchain" });
    const before = { owner: await usdcOf(owner().address), friend: await usdcOf(friend()) };
    const nonce = await devnet.publicClient.getTransactionCount({ address: read.key.address });
    const { events } = await runIntent({ intent: `send 100 USDC to ${friend()}`, context });
    const result = events.find((e) => e.type === "result");
    expect(result).toMatchObject({ name: "transfer_tokens", ok: false });
    expect(result && "text" in result ? result.text : "").toMatch(
      /Refused on chain by the session key's policy: AgentAccountOverCallCap\(.*, 100000000, 50000000\)/,
    );
    expect(await devnet.publicClient.getTransactionCount({ address: read.key.address })).toBe(nonce);
    expect({ owner: await usdcOf(owner().address), friend: await usdcOf(friend()) }).toEqual(before);
    // Within the grant, the same transfer goes through the account.
    const { events: ok } = await runIntent({ intent: `send 10 USDC to ${friend()}`, context });
    expect(ok.find((e) => e.type === "result")).toMatchObject({ name: "transfer_tokens", ok: true });
    expect(await usdcOf(friend())).toBe(before.friend + parseUnits("10", 6));
  }, 120_000);

  it("CLI: agent session grant, show, run on the key, revoke; then the agent says what to run", async () => {
    const home = join(dir, "cli-home");
    const env = { CONVERGENCE_RPC_URL: devnet.url, CONVERGENCE_DEPLOYMENTS_DIR: dir, CONVERGENCE_HOME: home };
    const grant = await runCli(["agent", "session", "grant"], env);
    expect(grant.stderr).toBe("");
    expect(grant.code).toBe(0);
    expect(grant.stdout).toMatch(/Granted session key 0x[0-9a-fA-F]{40}/);
    expect(grant.stdout).toMatch(/USDC: at most 1000 a call, 5000 a rolling day/);
    const read = readSessionKey({ home, chainId: 31337 });
    if (!read.found) throw new Error("no session key file");
    expect(grant.stdout).not.toContain(read.file.privateKey.slice(2));

    const show = await runCli(["agent", "session", "show", "--json"], env);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({
      account: owner().address,
      session: read.key.address,
      status: "active",
    });

    const run = await runCli(["agent", "run", "--yes", "swap 10 USDC for WETH"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Agent ${owner().address} on chain 31337 on session key ${read.key.address}`);
    expect(run.stdout).toMatch(/✔ swap_tokens/);

    const revoke = await runCli(["agent", "session", "revoke"], env);
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toMatch(/Revoked session key 0x[0-9a-fA-F]{40} .*AgentAccountSessionRevoked/);
    expect(readSessionKey({ home, chainId: 31337 }).found).toBe(false);
    const session = await getSession(devnet.publicClient, { account: owner().address, session: read.key.address });
    expect(session).toMatchObject({ active: false, revoked: true });

    // The revoked key, used anyway (the agent process kept it): the chain refuses by name.
    const { context } = createAgentContext({
      rpcUrl: devnet.url,
      chainId: 31337,
      session: { account: read.account, key: read.key },
      contracts: contracts(),
      home,
      yes: true,
    });
    const { events } = await runIntent({ intent: "swap 10 USDC for WETH", context });
    const result = events.find((e) => e.type === "result");
    expect(result && "text" in result ? result.text : "").toMatch(/AgentAccountSessionRevoked/);

    // The revoked key's file put back: the CLI refuses before planning, saying what to run.
    writeSessionKey({ home, file: read.file });
    const stale = await runCli(["agent", "run", "--yes", "swap 10 USDC for WETH"], env);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/no longer honours session key 0x[0-9a-fA-F]{40} \(revoked\)/);
    expect(stale.stderr).toMatch(/convergence agent session grant/);
    rmSync(read.path);

    const missing = await runCli(["agent", "run", "--session", "--yes", "swap 10 USDC for WETH"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/convergence agent session grant/);
  }, 300_000);

  it("the compromised agent deletes its key file: revoke still finds the key on chain and revokes it (--all)", async () => {
    const home = join(dir, "deleted-home");
    const env = { CONVERGENCE_RPC_URL: devnet.url, CONVERGENCE_DEPLOYMENTS_DIR: dir, CONVERGENCE_HOME: home };
    expect((await runCli(["agent", "session", "grant"], env)).code).toBe(0);
    const read = readSessionKey({ home, chainId: 31337 });
    if (!read.found) throw new Error("no session key file");
    rmSync(read.path);

    const plain = await runCli(["agent", "session", "revoke"], env);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(read.key.address);
    expect(plain.stderr).toMatch(/--all/);

    const all = await runCli(["agent", "session", "revoke", "--all"], env);
    expect(all.stderr).toBe("");
    expect(all.code).toBe(0);
    expect(all.stdout).toContain(`Revoked session key ${read.key.address}`);
    const session = await getSession(devnet.publicClient, { account: owner().address, session: read.key.address });
    expect(session).toMatchObject({ active: false, revoked: true });
  }, 300_000);
});
