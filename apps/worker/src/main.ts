/**
 * `pnpm worker`: the inference worker on the local defaults (see .env.example for every setting).
 * Exit codes: 0 after a graceful stop (SIGTERM/SIGINT), 1 when it cannot start or the chain was reset, 2 for a bad
 * setting.
 */

import type { WorkerReadyMessage } from "@convergence/devnet";

// node:sqlite prints an ExperimentalWarning on every start; keep every other warning.
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  if (warning.name === "ExperimentalWarning" && /SQLite/.test(warning.message)) return;
  process.stderr.write(`${warning.name}: ${warning.message}\n`);
});

const { loadConfig } = await import("./config/loadConfig.ts");
const { createLogger } = await import("./log/createLogger.ts");
const { InvalidConfigError } = await import("./errors/config.ts");

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  process.stderr.write(`Error: ${(error as Error).message}\n`);
  process.exit(error instanceof InvalidConfigError ? 2 : 1);
}
const log = createLogger({ level: config.logLevel });
const { startWorker } = await import("./startWorker.ts");

let worker: Awaited<ReturnType<typeof startWorker>>;
try {
  worker = await startWorker({ config, log });
} catch (error) {
  process.stderr.write(`Error: ${(error as Error).message}\n`);
  if (process.env.CONVERGENCE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}

let signals = 0;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    signals += 1;
    if (signals > 1) {
      log.warn("second signal: stopping now; unfinished jobs resume on the next start");
      process.exit(130);
    }
    void worker.shutdown({ reason: signal });
  });
}
process.on("unhandledRejection", (reason) => log.error("unhandled rejection", { error: reason as Error }));

const models = [...worker.modelIds].map(([name, id]) => `${name} (model ${id})`).join(", ");
process.stdout.write(
  `Worker listening on ${worker.url}: agent ${worker.agentId}, wallet ${worker.address}, chain ${worker.chainId}, serving ${models}; registration file ${worker.agentURI}\n`,
);
// The machine-readable twin of the line above, for a parent that spawned us with an IPC channel (launchWorker in
// @convergence/devnet): parents read this, never the human line.
process.send?.({
  type: "convergence:worker-ready",
  url: worker.url,
  port: Number(new URL(worker.url).port),
  chainId: worker.chainId,
  agentId: worker.agentId.toString(),
  account: worker.address,
  models: [...worker.modelIds].map(([name, id]) => ({ name, modelId: id.toString() })),
} satisfies WorkerReadyMessage);
const { exitCode } = await worker.closed;
process.exit(exitCode);
