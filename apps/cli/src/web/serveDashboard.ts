import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { getModel } from "@convergence/sdk";
import type { DashboardConfig } from "@convergence/web/config";
import type { VerificationKey } from "@convergence/zk";
import { createPublicClient, type Hex, http } from "viem";
import { ensureDashboardBuild } from "./ensureDashboardBuild.ts";
import { DashboardListenError } from "./errors.ts";
import { findVerificationKeys } from "./findVerificationKeys.ts";

export type ServeDashboardParameters = {
  /** Default 127.0.0.1: the dashboard is for this machine. */
  host?: string;
  /** Default 5173; 0: any free port. */
  port?: number;
  /** What /config.json answers: where the chain, the contracts, the workers and the agent endpoint are. */
  config: DashboardConfig;
  /** No progress lines for the build (--json). */
  quiet?: boolean;
};
export type ServeDashboardReturnType = { url: string; close(): Promise<void> };

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".ico": "image/x-icon",
};

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, cache = "no-store"): void {
  res.writeHead(status, {
    "content-type": type,
    "cache-control": cache,
    "x-content-type-options": "nosniff",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * Serves the dashboard (apps/web/dist, built first when missing or stale), `/config.json` (the `config` given), and
 * `/keys/<modelId>.json`: the verification key this machine holds for that model's on-chain `vkeyHash` (the page hashes it
 * again and refuses one that differs). Any other path without a file answers index.html, so every page's URL can be
 * opened directly. Only GET and HEAD.
 *
 * @example
 * const dashboard = await serveDashboard({ config: { rpcUrl, chainId: 31337, contracts, fromBlock: "0", workers: [], agentUrl: null } });
 * console.log(`Dashboard: ${dashboard.url}`);
 */
export async function serveDashboard({
  host = "127.0.0.1",
  port = 5173,
  config,
  quiet = false,
}: ServeDashboardParameters): Promise<ServeDashboardReturnType> {
  const { distDir } = await ensureDashboardBuild({ quiet });
  const client = createPublicClient({ transport: http(config.rpcUrl, { retryCount: 0 }) });
  let keys: Map<Hex, VerificationKey> | undefined;

  const keyFor = async (modelId: bigint): Promise<{ status: number; body: unknown }> => {
    const registry = config.contracts.ModelRegistry;
    if (!registry) return { status: 404, body: { error: "nothing deployed: no ModelRegistry in the configuration" } };
    const model = await getModel({ client, registry, modelId }).catch(() => undefined);
    if (!model) return { status: 404, body: { error: `model ${modelId} is not registered on the chain` } };
    const hash = model.vkeyHash.toLowerCase() as Hex;
    if (!keys?.has(hash)) keys = await findVerificationKeys();
    const key = keys.get(hash);
    if (!key) {
      return {
        status: 404,
        body: {
          error: `no verification key with hash ${model.vkeyHash} (model ${modelId}) on this machine`,
          fix: "Set up the model's circuit here (`pnpm convergence zk setup`), or paste the key into the proof page.",
        },
      };
    }
    return { status: 200, body: key };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(res, 405, "GET only\n", "text/plain; charset=utf-8");
      return;
    }
    const raw = new URL(req.url ?? "/", "http://dashboard").pathname;
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      send(
        res,
        400,
        `${JSON.stringify(raw)} is not a valid URL path (a malformed %-escape)\n`,
        "text/plain; charset=utf-8",
      );
      return;
    }
    if (path === "/config.json") {
      send(res, 200, `${JSON.stringify(config, null, 2)}\n`, CONTENT_TYPES[".json"]!);
      return;
    }
    const keyMatch = path.match(/^\/keys\/([0-9]{1,78})\.json$/);
    if (keyMatch) {
      const { status, body } = await keyFor(BigInt(keyMatch[1]!));
      // The key's own serialization (hashVerificationKey's bytes), so its hash can be checked on the raw file too.
      send(res, status, `${JSON.stringify(body, null, 2)}\n`, CONTENT_TYPES[".json"]!);
      return;
    }
    const file = normalize(join(distDir, path));
    if (file.startsWith(distDir + sep) && existsSync(file) && (await stat(file)).isFile()) {
      const immutable = path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
      send(res, 200, await readFile(file), CONTENT_TYPES[extname(file)] ?? "application/octet-stream", immutable);
      return;
    }
    if (extname(path) !== "" || path.startsWith("/assets/") || path.startsWith("/keys/")) {
      send(res, 404, `No file ${path}\n`, "text/plain; charset=utf-8");
      return;
    }
    send(res, 200, await readFile(join(distDir, "index.html")), CONTENT_TYPES[".html"]!, "no-cache");
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, `${error instanceof Error ? error.message : String(error)}\n`, "text/plain");
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (cause) => reject(new DashboardListenError({ host, port, cause })));
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
