import { join } from "node:path";
import { DEVNET_CHAIN_ID, devnetRoleAccount } from "@convergence/contracts";
import { createClients } from "@convergence/sdk";
import { ensureRiskSetup } from "./ensureRiskSetup.ts";
import { type LaunchDevnetWorkersReturnType, launchDevnetWorkers } from "./launchDevnetWorkers.ts";
import { type RegisterDemoModelReturnType, registerDemoModel } from "./registerDemoModel.ts";
import { simulateMarketActivity } from "./simulateMarketActivity.ts";
import { type StartDemoChainReturnType, startDemoChain } from "./startDemoChain.ts";
import { type StartDevnetFacilitatorReturnType, startDevnetFacilitator } from "./startDevnetFacilitator.ts";

export type StartDevnetStackParameters = {
  host?: string;
  /** Chain port (0 = any free port). */
  port?: number;
  /** The first worker's port: worker i listens on workerPort + i (0 = any free port for each). */
  workerPort?: number;
  /** How many workers to run, each with its own key, agent, port and store (default 1; see devnetWorkerSettings). */
  workers?: number;
  /** Where workers >= 1 keep their job database (`<storeRoot>/worker-<i>/`); default the run's temporary folder. */
  storeRoot?: string;
  /** Where deployments/31337.json goes (the other commands read it there). */
  deploymentsDir: string;
  /** Give the pool a day of trading first (see simulateMarketActivity). */
  market?: boolean;
  /** The x402 facilitator's port (0 = any free port, the default). */
  facilitatorPort?: number;
  /** Runs each stage; the demo and devnet wrap it in a progress step. */
  stage?: <T>(title: string, run: (update: (message: string) => void) => Promise<T>) => Promise<T>;
};

export type StartDevnetStackReturnType = {
  chain: StartDemoChainReturnType;
  model: RegisterDemoModelReturnType;
  /** Worker 0 (the first of `workers`). */
  worker: LaunchDevnetWorkersReturnType["workers"][number];
  /** Every worker, in order (worker i at index i), with the price floor it was given. */
  workers: LaunchDevnetWorkersReturnType["workers"];
  /** The x402 facilitator the workers settle paid calls through, and the price per call they ask (USDC). */
  facilitator: { url: string; x402Price: string };
  /** Stops the workers (draining), then the node. Safe to call twice. */
  stop: () => Promise<void>;
};

/**
 * The long-running stack for hacking: a Hardhat node, the contracts deployed, risk-v1's keys and registration by the publisher (#3), an
 * optional day of pool trading, the x402 facilitator (startDevnetFacilitator), and the inference workers (one by default; each of several with its own key, agent,
 * port, store and price: devnetWorkerSettings; each sells quick answers over x402 at DEVNET_X402_PRICE). Whatever started is stopped again if a later stage fails.
 *
 * @example
 * const stack = await startDevnetStack({ port: 8545, workerPort: 8080, deploymentsDir: "deployments" });
 * await stack.stop();
 */
export async function startDevnetStack({
  host = "127.0.0.1",
  port = 8545,
  workerPort = 8080,
  workers: count = 1,
  storeRoot,
  deploymentsDir,
  market = true,
  facilitatorPort = 0,
  stage = (_title, run) => run(() => undefined),
}: StartDevnetStackParameters): Promise<StartDevnetStackReturnType> {
  const chain = await stage(`Starting a Hardhat node on ${host}:${port || "a free port"} and deploying`, (update) =>
    startDemoChain({ host, port, deploymentsDir, onProgress: update }),
  );
  let workers: LaunchDevnetWorkersReturnType | undefined;
  let facilitator: StartDevnetFacilitatorReturnType | undefined;
  const stop = async () => {
    await workers?.stop();
    await facilitator?.close();
    await chain.stop();
  };
  try {
    // The publisher (#3) makes the keys and registers; the worker (#2) only proves with them.
    const publisher = devnetRoleAccount({ role: "publisher" });
    const zk = await stage("Making sure risk-v1's Groth16 keys exist (the publisher's setup)", (update) =>
      ensureRiskSetup({ contributor: publisher, onProgress: update }),
    );
    const { walletClient } = createClients({ rpcUrl: chain.url, chainId: DEVNET_CHAIN_ID, account: publisher });
    const model = await stage("Registering risk-v1 on-chain as the publisher", () =>
      registerDemoModel({ client: walletClient!, registry: chain.deployment.contracts.ModelRegistry, setup: zk.setup }),
    );
    if (market) {
      await stage("Giving the pool a day of trading", (update) =>
        simulateMarketActivity({ rpcUrl: chain.url, deployment: chain.deployment, onProgress: update }),
      );
    }
    facilitator = await stage("Starting the x402 facilitator (settles paid quick answers)", () =>
      startDevnetFacilitator({ rpcUrl: chain.url, usdc: chain.deployment.contracts.USDC, host, port: facilitatorPort }),
    );
    const { workerEnv } = facilitator;
    workers = await stage(count === 1 ? "Starting the inference worker" : `Starting ${count} inference workers`, () =>
      launchDevnetWorkers({
        rpcUrl: chain.url,
        deploymentsDir: chain.deploymentsDir,
        count,
        host,
        port: workerPort,
        dbPath: join(chain.runDir, "jobs.sqlite"),
        storeRoot: storeRoot ?? chain.runDir,
        env: workerEnv,
      }),
    );
    return {
      chain,
      model,
      worker: workers.workers[0]!,
      workers: workers.workers,
      facilitator: { url: facilitator.url, x402Price: workerEnv.WORKER_X402_PRICE },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
