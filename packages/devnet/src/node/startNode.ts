import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import { NodeStartError } from "../errors/node.ts";
import { findFreePort } from "./findFreePort.ts";

export type StartNodeParameters = {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Chain id to serve (default 31337, the devnet). */
  chainId?: number;
  /** Lines the node prints (accounts, requests). Dropped by default. */
  onOutput?: (line: string) => void;
  timeoutMs?: number;
};

export type StartNodeReturnType = {
  url: string;
  port: number;
  process: ChildProcess;
  /** Stops the node and waits for it to exit. */
  stop: () => Promise<void>;
};

/**
 * Starts a Hardhat node (EDR) as a child process with the standard deterministic accounts and waits
 * until it answers JSON-RPC. The node is killed if this process exits.
 *
 * @example
 * const node = await startNode({ port: 0 });
 * // ... use node.url ...
 * await node.stop();
 */
export async function startNode({
  host = "127.0.0.1",
  port = 8545,
  chainId,
  onOutput,
  timeoutMs = 60_000,
}: StartNodeParameters = {}): Promise<StartNodeReturnType> {
  const chosenPort = port === 0 ? await findFreePort({ host }) : port;
  const url = `http://${host}:${chosenPort}`;
  const hardhatCli = join(
    createRequire(join(workspaceRoot(), "package.json")).resolve("hardhat/package.json"),
    "..",
    "dist/src/cli.js",
  );
  const args = [hardhatCli, "node", "--hostname", host, "--port", String(chosenPort)];
  if (chainId !== undefined) args.push("--chain-id", String(chainId));
  const child = spawn(process.execPath, args, {
    cwd: workspaceRoot(),
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  let output = "";
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    if (onOutput) for (const line of text.split("\n")) if (line.trim()) onOutput(line);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new NodeStartError({ url, reason: `the process exited with code ${child.exitCode}`, output });
    }
    if (await answers(url)) return { url, port: chosenPort, process: child, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new NodeStartError({ url, reason: `no JSON-RPC answer within ${timeoutMs / 1000} s`, output });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(1_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
