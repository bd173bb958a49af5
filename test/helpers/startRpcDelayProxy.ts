import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type StartRpcDelayProxyParameters = {
  /** The JSON-RPC node every request is forwarded to, e.g. the test chain's http://127.0.0.1:<port>. */
  upstream: string;
  /** How long each response is held before it is sent back, in milliseconds (change it later with setDelayMs). */
  delayMs: number;
  host?: string;
};

export type StartRpcDelayProxyReturnType = {
  /** Give this to the process that should be slow, as its RPC URL (e.g. a worker's CONVERGENCE_RPC_URL). */
  url: string;
  /** The delay from now on; requests already waiting keep theirs. */
  setDelayMs: (ms: number) => void;
  /** JSON-RPC methods forwarded so far, in order (a batch counts each of its calls). */
  methods: () => string[];
  /** Stops accepting requests and closes open connections. Safe to call twice. */
  stop: () => Promise<void>;
};

/**
 * An HTTP JSON-RPC proxy in this process: forwards each POST body as is to `upstream`, waits for the answer, holds it
 * `delayMs` more, then returns it with the upstream status. A real worker pointed at it becomes slow at everything that
 * touches the chain (seeing jobs, reading, sending its fulfil, waiting for the receipt) without a test hook in the
 * worker. A request the upstream does not answer comes back as a JSON-RPC error (status 502), as from a flaky node.
 *
 * @example
 * const proxy = await startRpcDelayProxy({ upstream: node.url, delayMs: 300 });
 * await launchWorker({ rpcUrl: proxy.url, ... });
 * await proxy.stop();
 */
export async function startRpcDelayProxy({
  upstream,
  delayMs,
  host = "127.0.0.1",
}: StartRpcDelayProxyParameters): Promise<StartRpcDelayProxyReturnType> {
  let delay = delayMs;
  const seen: string[] = [];
  const server = createServer(async (req, res) => {
    const held = delay;
    const body = await readBody(req);
    seen.push(...methodsOf(body));
    let status = 502;
    let answer = JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32603, message: "upstream unreachable" } });
    try {
      const response = await fetch(upstream, {
        method: req.method ?? "POST",
        headers: { "content-type": "application/json" },
        ...(req.method === "GET" || req.method === "HEAD" ? {} : { body }),
      });
      status = response.status;
      answer = await response.text();
    } catch (error) {
      answer = JSON.stringify({
        jsonrpc: "2.0",
        id: null,
        error: { code: -32603, message: `upstream unreachable: ${(error as Error).message}` },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, held));
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(answer);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    setDelayMs: (ms) => {
      delay = ms;
    },
    methods: () => [...seen],
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function methodsOf(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { method?: unknown } | { method?: unknown }[];
    return (Array.isArray(parsed) ? parsed : [parsed]).map((call) => String(call?.method));
  } catch {
    return [];
  }
}
