import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inferenceEscrowAbi, readDeployment } from "@convergence/contracts";
import { createClients, WORKER_REGISTRATION_PATH } from "@convergence/sdk";
import { type Address, createPublicClient, formatUnits, type Hex, http } from "viem";
import { ensureAgentUri } from "./bootstrap/ensureAgentUri.ts";
import { ensureModelRegistered } from "./bootstrap/ensureModelRegistered.ts";
import { ensureWorkerAgent } from "./bootstrap/ensureWorkerAgent.ts";
import { ensureZkSetup } from "./bootstrap/ensureZkSetup.ts";
import { resolvePublishers } from "./bootstrap/resolvePublishers.ts";
import { resolveWorkerAccount } from "./bootstrap/resolveWorkerAccount.ts";
import type { ServedKey } from "./chain/checkRegistration.ts";
import { createChainGateway } from "./chain/createChainGateway.ts";
import { createChainWatcher } from "./chain/createChainWatcher.ts";
import { createModelResolver } from "./chain/createModelResolver.ts";
import type { WorkerConfig } from "./config/loadConfig.ts";
import { AgentUriUpdateError } from "./errors/bootstrap.ts";
import { EscrowMissingError, RpcUnreachableError } from "./errors/chain.ts";
import { createApp } from "./http/createApp.ts";
import { loadServedModels } from "./inference/loadServedModels.ts";
import type { Served } from "./inference/types.ts";
import { createJobProcessor } from "./jobs/createJobProcessor.ts";
import { createJobService } from "./jobs/createJobService.ts";
import type { Logger } from "./log/createLogger.ts";
import { createMetrics } from "./metrics/createMetrics.ts";
import { createProverPool } from "./prover/createProverPool.ts";
import { createJobQueue } from "./queue/createJobQueue.ts";
import { openJobStore } from "./store/openJobStore.ts";
import { resolveX402Offer } from "./x402/resolveX402Offer.ts";

export type StartWorkerParameters = {
  config: WorkerConfig;
  log: Logger;
};

export type RunningWorker = {
  /** http://host:port the API listens on. */
  url: string;
  /** Where requesters reach it: WORKER_PUBLIC_URL, else `url`. */
  publicUrl: string;
  /**
   * The agent's registration file URI: `${publicUrl}/.well-known/agent-registration.json`, which the worker serves and
   * set on-chain when it differed; or WORKER_AGENT_URI, when set (the on-chain URI is then left alone).
   */
  agentURI: string;
  chainId: number;
  address: Address;
  agentId: bigint;
  /** On-chain model ids by served model name. */
  modelIds: Map<string, bigint>;
  /**
   * Stops taking jobs, lets in-flight ones finish (up to the drain timeout), closes the threads and the store.
   * Waiting jobs stay in the store and resume on the next start.
   */
  shutdown(parameters: { reason: string; exitCode?: number }): Promise<void>;
  /** Resolves once shut down (after a signal, or a chain reset), with the exit code the process should end with. */
  closed: Promise<{ exitCode: number }>;
};

export type StartWorkerReturnType = RunningWorker;

/**
 * Starts the inference worker: connects to the chain, loads the served models and their proving keys from the zk
 * cache (the published key, or the publisher's setup: the worker never runs phase 2), finds for each model a
 * registration it serves (owned by a publisher, WORKER_PUBLISHERS; this machine's key; a verifier compiled from it),
 * registering from its own account what is missing when allowed, makes sure the worker is a registered ERC-8004 agent,
 * resumes unfinished jobs from the store, follows JobOpened, and serves the HTTP API.
 *
 * @example
 * const worker = await startWorker({ config: loadConfig(), log: createLogger({ level: "info" }) });
 * process.once("SIGTERM", () => worker.shutdown({ reason: "SIGTERM" }));
 */
export async function startWorker({ config, log }: StartWorkerParameters): Promise<StartWorkerReturnType> {
  // Connect: a short timeout first, so a wrong URL fails in seconds with a message naming the variable.
  const probe = createPublicClient({ transport: http(config.rpcUrl, { retryCount: 0, timeout: 5_000 }) });
  let chainId: number;
  let genesisHash: Hex;
  try {
    chainId = await probe.getChainId();
    genesisHash = (await probe.getBlock({ blockNumber: 0n })).hash;
  } catch (cause) {
    throw new RpcUnreachableError({ rpcUrl: config.rpcUrl, cause });
  }
  const account = resolveWorkerAccount({ privateKey: config.privateKey, chainId });
  const { publicClient, walletClient } = createClients({ rpcUrl: config.rpcUrl, chainId, account });
  const client = walletClient!;
  const deployment = readDeployment({ chainId, ...(config.deploymentsDir ? { dir: config.deploymentsDir } : {}) });
  const { InferenceEscrow: escrow, AgentRegistry, ModelRegistry } = deployment.contracts;
  const deploymentFile = `${config.deploymentsDir ?? "deployments"}/${chainId}.json`;
  if (!escrow) throw new EscrowMissingError({ chainId, escrow, path: deploymentFile });
  if (!(await publicClient.getCode({ address: escrow }))) {
    throw new EscrowMissingError({ chainId, escrow, path: deploymentFile });
  }
  const startBlock = BigInt(deployment.startBlock);
  log.info("chain", { rpc: config.rpcUrl, chainId, escrow, worker: account.address });

  const balance = await publicClient.getBalance({ address: account.address });
  if (balance === 0n) log.warn("the worker account holds no ETH: it cannot pay gas", { address: account.address });

  const models = await loadServedModels({ names: config.models, home: config.home });
  log.info("price floor (USDC)", {
    ...Object.fromEntries(
      [...models.keys()].map((name) => [
        name,
        formatUnits(config.minPrice.byModel[name] ?? config.minPrice.default, 6),
      ]),
    ),
    deadlineMarginSeconds: config.deadlineMarginSeconds,
  });
  const publishers = resolvePublishers({ publishers: config.publishers, account: account.address, chainId });
  log.info("serving the registrations of", { publishers: publishers.join(",") });
  const served = new Map<string, { model: Served } & ServedKey>();
  const known = new Map<bigint, string>();
  // The registration each model is served under, for the registration file (the same ids /v1/models shows).
  const registrations = new Map<string, { modelId: bigint; verifier: Address; vkeyHash: Hex }>();
  for (const model of models.values()) {
    // The published key or the publisher's setup, from the zk cache: the worker never runs phase 2.
    const setup = await ensureZkSetup({ model, log });
    const found = await ensureModelRegistered({
      client,
      registry: ModelRegistry,
      fromBlock: startBlock,
      model,
      setup,
      publishers,
      register: config.autoRegister,
      log,
    });
    served.set(model.name, { model, vkeyHash: found.vkeyHash, verifierCode: found.verifierCode });
    known.set(found.modelId, model.name);
    registrations.set(model.name, { modelId: found.modelId, verifier: found.verifier, vkeyHash: found.vkeyHash });
  }
  const token = await publicClient.readContract({ address: escrow, abi: inferenceEscrowAbi, functionName: "token" });
  const x402 = await resolveX402Offer({
    config,
    models: [...models.keys()],
    publicClient,
    token,
    payTo: account.address,
    chainId,
  });
  if (x402) {
    log.info("x402 price per call (USDC)", {
      ...Object.fromEntries([...models.keys()].map((name) => [name, formatUnits(x402.price(name), 6)])),
      facilitator: x402.facilitatorUrl,
    });
  }
  // The registration file's URI when it is known before listening (a fixed port or WORKER_PUBLIC_URL): a new agent is
  // registered with it. On a free port (0) it is known once listening: registered without one, then set below.
  const fixedPublicUrl = config.publicUrl ?? (config.port === 0 ? undefined : listenUrl(config.host, config.port));
  const { agentId } = await ensureWorkerAgent({
    client,
    registry: AgentRegistry,
    fromBlock: startBlock,
    register: config.autoRegister,
    agentURI: config.agentUri ?? (fixedPublicUrl ? `${fixedPublicUrl}${WORKER_REGISTRATION_PATH}` : ""),
    log,
  });
  const resolver = createModelResolver({
    client: publicClient,
    registry: ModelRegistry,
    served,
    publishers,
    known,
    log,
  });

  const chainKey = `${chainId}:${genesisHash}:${escrow.toLowerCase()}`;
  const store = openJobStore({ path: config.dbPath, chainKey });
  const stale = store.otherChainKeys();
  if (stale.length > 0) log.debug("the job database also holds jobs of earlier chains", { chains: stale.length });

  let draining = false;
  const retries = new Map<bigint, { count: number; timer: NodeJS.Timeout | undefined }>();
  const pool = createProverPool({
    size: config.concurrency,
    onCrash: (reason) => log.error("prover thread crashed and was replaced", { reason }),
  });
  const chain = createChainGateway({ publicClient, walletClient: client, escrow, agentId });
  const metrics = createMetrics({
    jobCounts: () => store.countByState(),
    queue: () => ({ depth: queue.depth(), running: queue.running(), limit: config.queueLimit }),
  });
  const processor = createJobProcessor({
    store,
    chain,
    prover: pool,
    modelFor: resolver.modelFor,
    metrics,
    log,
    maxAttempts: config.maxAttempts,
    minPrice: config.minPrice,
    requiredSeconds: () => queue.averageJobSeconds() + config.deadlineMarginSeconds,
  });
  const queue = createJobQueue({
    limit: config.queueLimit,
    concurrency: config.concurrency,
    // The best-paying job first: a flood of cheap jobs that passed the floor still cannot hold a real one back.
    priority: (jobId) => store.get(jobId)?.amount ?? 0n,
    handle: async (jobId) => {
      await processor.process(jobId);
      retries.delete(jobId);
    },
    onError: (jobId, error) => {
      if (draining) return;
      // Not a failure of the job itself (the chain is unreachable, a prover thread crashed): try again, backing off.
      const entry = retries.get(jobId) ?? { count: 0, timer: undefined };
      entry.count += 1;
      const delayMs = Math.min(30_000, 500 * 2 ** entry.count);
      log.warn("job will be retried", { jobId, inMs: delayMs, error: error as Error });
      entry.timer = setTimeout(() => queue.offer(jobId, { force: true }), delayMs);
      retries.set(jobId, entry);
    },
  });
  const jobs = createJobService({
    store,
    queue,
    queueLimit: config.queueLimit,
    chain,
    minPrice: config.minPrice,
    deadlineMarginSeconds: config.deadlineMarginSeconds,
    modelFor: resolver.modelFor,
    served: () => [...models.keys()],
    isDraining: () => draining,
    log,
  });
  const watcher = createChainWatcher({
    client: publicClient,
    escrow,
    store,
    startBlock,
    genesisHash,
    confirmations: config.confirmations,
    logRange: config.logRange,
    pollIntervalMs: config.pollIntervalMs,
    log,
    onReset: (now) => {
      const failed = store.failUnfinished({
        code: "CHAIN_RESET",
        message: `the chain was reset (genesis ${genesisHash} became ${now})`,
      });
      log.error("the chain was reset: stopping", { before: genesisHash, after: now, jobsFailed: failed });
      void shutdown({ reason: "chain reset: deploy again, then restart the worker", exitCode: 1 });
    },
  });
  let publicUrl = fixedPublicUrl ?? "";
  const app = createApp({
    models,
    modelIds: resolver.idsByName,
    agentId,
    identity: {
      chainId,
      agentRegistry: AgentRegistry,
      signMessage: (message) => account.signMessage({ message }),
    },
    registration: { publicUrl: () => publicUrl, token, served: () => registrations },
    jobs,
    minPrice: config.minPrice,
    ...(x402 ? { x402 } : {}),
    metrics,
    bodyLimitBytes: config.bodyLimitBytes,
    log,
    health: () => {
      const status = watcher.status();
      return {
        status: draining ? "draining" : "ok",
        chainId,
        worker: account.address,
        agentId: agentId.toString(),
        models: Object.fromEntries([...resolver.idsByName()].map(([name, id]) => [name, id.toString()])),
        chain: {
          head: status.head?.toString() ?? null,
          cursor: status.cursor?.toString() ?? null,
          lastPollAt: status.lastPollAt ? new Date(status.lastPollAt).toISOString() : null,
          error: status.lastError ?? null,
        },
        queue: { depth: queue.depth(), running: queue.running(), limit: config.queueLimit },
        provers: { size: pool.size, busy: pool.busy() },
        jobs: store.countByState(),
      };
    },
  });

  // Catch up on the chain before serving, then resume every job a previous run left unfinished.
  await watcher.poll();
  for (const job of store.list({ states: ["received", "proving", "submitted"] })) {
    log.info("resuming job", { jobId: job.jobId, state: job.state, attempts: job.attempts });
    queue.offer(job.jobId, { force: true });
  }
  watcher.start();

  const server: Server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  server.on("error", (error) => log.error("http server error", { error }));
  const { port } = server.address() as AddressInfo;
  const url = listenUrl(config.host, port);
  publicUrl = config.publicUrl ?? url;

  let resolveClosed!: (value: { exitCode: number }) => void;
  const closed = new Promise<{ exitCode: number }>((resolve) => (resolveClosed = resolve));
  let shuttingDown: Promise<void> | undefined;
  const shutdown = ({ reason, exitCode = 0 }: { reason: string; exitCode?: number }) => {
    shuttingDown ??= (async () => {
      draining = true;
      log.info("draining", { reason, running: queue.running(), waiting: queue.depth() });
      for (const { timer } of retries.values()) clearTimeout(timer);
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await watcher.stop();
      let timeout: NodeJS.Timeout | undefined;
      const left = await Promise.race([
        queue.drain(),
        new Promise<"timeout">((resolve) => (timeout = setTimeout(() => resolve("timeout"), config.drainTimeoutMs))),
      ]);
      clearTimeout(timeout);
      if (left === "timeout") log.warn("drain timed out: in-flight jobs resume on the next start");
      else if (left.length > 0) log.info("jobs left waiting resume on the next start", { jobs: left.join(",") });
      await pool.close();
      server.closeAllConnections();
      await serverClosed;
      store.close();
      log.info("stopped", { exitCode });
      resolveClosed({ exitCode });
    })();
    return shuttingDown;
  };

  // Requesters find the worker by its agent's on-chain URI: point it at the file served here (unless it is hosted
  // elsewhere, WORKER_AGENT_URI). Once listening, so that the URI names the port and the file is there when read.
  let agentURI = config.agentUri ?? `${publicUrl}${WORKER_REGISTRATION_PATH}`;
  if (config.agentUri === undefined) {
    try {
      ({ agentURI } = await ensureAgentUri({ client, registry: AgentRegistry, agentId, agentURI, log }));
    } catch (error) {
      await shutdown({ reason: "the agent URI could not be set", exitCode: 1 });
      throw new AgentUriUpdateError({ agentId, agentURI, cause: error });
    }
  } else {
    log.info("agent URI from WORKER_AGENT_URI: the on-chain URI is left as it is", { agentURI });
  }

  return {
    url,
    publicUrl,
    agentURI,
    chainId,
    address: account.address,
    agentId,
    modelIds: resolver.idsByName(),
    shutdown,
    closed,
  };
}

/** The URL of an API listening on host:port (an IPv6 host in brackets). */
function listenUrl(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
