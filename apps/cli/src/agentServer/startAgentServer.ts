import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type CreateAgentContextParameters, createAgentContext, type RunIntentParameters } from "@convergence/agent";
import { CliError, InvalidArgumentError } from "../errors.ts";
import { checkRequestSource } from "./checkRequestSource.ts";
import { AgentServerListenError } from "./errors.ts";
import { type AgentRun, startAgentRun } from "./startAgentRun.ts";
import { stripControlCharacters } from "./stripControlCharacters.ts";

export const DEFAULT_AGENT_SERVER_PORT = 8787;
/** The most an intent may be, in characters: a sentence or a few, not a document. */
export const MAX_INTENT_LENGTH = 1_000;
const MAX_BODY_BYTES = 16 * 1024;
const KEPT_RUNS = 20;

export type StartAgentServerParameters = Omit<CreateAgentContextParameters, "confirm" | "onDecision"> & {
  /** The chat model (default: the embedded intent model). */
  model?: RunIntentParameters["model"];
  /** Only 127.0.0.1: anything else is refused. */
  host?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Origins (scheme://host[:port]) of the pages that may call the endpoint: the dashboard's. */
  allowedOrigins: readonly string[];
  /** A confirmation the browser does not answer within this is refused (default 120 s). */
  confirmationTimeoutMs?: number;
};

export type StartAgentServerReturnType = {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** Refuses pending confirmations, waits for a run in progress to end, then stops listening. */
  close(): Promise<void>;
};

/** A request the endpoint refuses: the HTTP status and what was wrong. */
class HttpRefusal extends CliError {
  override name = "HttpRefusal";
  // No parameter property: the CLI also runs from its sources on Node's type stripping.
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * The agent endpoint the dashboard's intent console talks to (`convergence agent serve`): the same agent as
 * `convergence agent run` (createAgentContext: its key, policy, caps and ledger stay in this process), over HTTP with
 * server-sent events. `GET /health` → `{ agent, chainId }`; `POST /runs` `{ intent }` → `{ runId }`;
 * `GET /runs/:id/events` streams the run; `POST /runs/:id/confirmations/:confirmationId` `{ approve }` answers a
 * policy confirmation. It listens on 127.0.0.1 only, answers only requests whose Host is itself (DNS rebinding) and
 * whose Origin is allowed, runs one intent at a time (another gets 409) and limits bodies and intents.
 *
 * @example
 * const server = await startAgentServer({ rpcUrl, chainId, account, contracts, port: 8787, allowedOrigins: ["http://127.0.0.1:5173"] });
 */
export async function startAgentServer(parameters: StartAgentServerParameters): Promise<StartAgentServerReturnType> {
  const {
    model,
    host = "127.0.0.1",
    port = DEFAULT_AGENT_SERVER_PORT,
    allowedOrigins,
    confirmationTimeoutMs = 120_000,
    ...contextParameters
  } = parameters;
  if (host !== "127.0.0.1") {
    throw new InvalidArgumentError({
      argument: "--host",
      value: host,
      expected:
        "127.0.0.1: the agent endpoint signs with the agent's key and listens on the loopback interface only; reach it from another machine through an SSH tunnel (ssh -L 8787:127.0.0.1:8787)",
    });
  }
  const runs = new Map<string, AgentRun>();
  let active: AgentRun | undefined;
  let closing = false;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const status = error instanceof HttpRefusal ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status === 413) response.setHeader("connection", "close");
      if (!response.headersSent) sendJson(response, status, { error: stripControlCharacters({ text: message }) });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const method = request.method ?? "GET";
    const preflight = method === "OPTIONS";
    const source = checkRequestSource({
      headers: request.headers,
      port: listeningPort(),
      allowedOrigins,
      requireOrigin: method !== "GET" && method !== "HEAD",
    });
    if (!source.ok) throw new HttpRefusal(source.status, source.message);
    if (source.origin !== undefined) {
      response.setHeader("access-control-allow-origin", source.origin);
      response.setHeader("vary", "Origin");
    }
    if (preflight) {
      response.setHeader("access-control-allow-methods", "GET, POST");
      response.setHeader("access-control-allow-headers", "content-type, last-event-id");
      response.setHeader("access-control-max-age", "600");
      response.writeHead(204).end();
      return;
    }
    const parts = url.pathname.split("/").filter(Boolean);
    if (method === "GET" && url.pathname === "/health") {
      // On a session key the agent is the owner's account; the session key only signs.
      const agent = contextParameters.session?.account ?? contextParameters.account?.address;
      sendJson(response, 200, { agent, chainId: contextParameters.chainId });
      return;
    }
    if (method === "POST" && url.pathname === "/runs") return createRun(request, response);
    if (parts[0] === "runs" && parts.length >= 2) {
      const run = runs.get(parts[1]!);
      if (!run) throw new HttpRefusal(404, `No run ${JSON.stringify(parts[1])}: start one with POST /runs.`);
      if (method === "GET" && parts.length === 3 && parts[2] === "events") return streamEvents(request, response, run);
      if (method === "POST" && parts.length === 4 && parts[2] === "confirmations")
        return answerConfirmation(request, response, run, parts[3]!);
    }
    throw new HttpRefusal(
      404,
      `No route ${method} ${url.pathname}. Expected GET /health, POST /runs, GET /runs/:id/events or POST /runs/:id/confirmations/:confirmationId.`,
    );
  }

  async function createRun(request: IncomingMessage, response: ServerResponse) {
    const body = await readJsonBody(request);
    const intentValue = (body as { intent?: unknown } | null)?.intent;
    if (typeof intentValue !== "string")
      throw new HttpRefusal(400, 'Expected a JSON body { "intent": "<what you want, in English>" }.');
    const intent = stripControlCharacters({ text: intentValue }).replace(/\s+/g, " ").trim();
    if (intent === "") throw new HttpRefusal(400, 'The intent is empty. Expected e.g. { "intent": "wrap 1 ETH" }.');
    if (intent.length > MAX_INTENT_LENGTH)
      throw new HttpRefusal(
        413,
        `The intent is ${intent.length} characters; at most ${MAX_INTENT_LENGTH} are accepted. Say it in fewer words.`,
      );
    if (closing) throw new HttpRefusal(503, "The agent endpoint is shutting down.");
    if (active && !active.finished())
      throw new HttpRefusal(
        409,
        `A run is in progress (${active.id}): the agent carries out one intent at a time. Wait for its done event, then try again.`,
      );
    const run = startAgentRun({
      intent,
      ...(model === undefined ? {} : { model }),
      confirmationTimeoutMs,
      createContext: (hooks) => createAgentContext({ ...contextParameters, ...hooks }).context,
    });
    active = run;
    runs.set(run.id, run);
    for (const id of runs.keys()) {
      if (runs.size <= KEPT_RUNS) break;
      if (runs.get(id)!.finished()) runs.delete(id);
    }
    sendJson(response, 201, { runId: run.id });
  }

  function streamEvents(request: IncomingMessage, response: ServerResponse, run: AgentRun) {
    const lastId = Number(request.headers["last-event-id"] ?? Number.NaN);
    const from = Number.isInteger(lastId) && lastId >= 0 ? lastId + 1 : 0;
    // A reconnect after the end has nothing more: 204 tells EventSource to stop reconnecting.
    if (run.finished() && from >= run.events.length) {
      response.writeHead(204).end();
      return;
    }
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-content-type-options": "nosniff",
    });
    const write = (event: { id: number; event: string; data: unknown }) =>
      response.write(`id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
    for (const event of run.events.slice(from)) write(event);
    const unsubscribe = run.subscribe((event) => {
      if (event) write(event);
      else response.end();
    });
    const heartbeat = setInterval(() => response.write(": keep-alive\n\n"), 15_000);
    response.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  async function answerConfirmation(
    request: IncomingMessage,
    response: ServerResponse,
    run: AgentRun,
    confirmationId: string,
  ) {
    const body = await readJsonBody(request);
    const approve = (body as { approve?: unknown } | null)?.approve;
    if (typeof approve !== "boolean")
      throw new HttpRefusal(400, 'Expected a JSON body { "approve": true } or { "approve": false }.');
    const outcome = run.answer({ confirmationId, approve });
    if (outcome === "unknown")
      throw new HttpRefusal(404, `No confirmation ${JSON.stringify(confirmationId)} in run ${run.id}.`);
    if (outcome === "already-answered")
      throw new HttpRefusal(
        409,
        `Confirmation ${JSON.stringify(confirmationId)} was already answered (or timed out); nothing changed.`,
      );
    sendJson(response, 200, { confirmationId, approved: approve });
  }

  function listeningPort(): number {
    return (server.address() as AddressInfo).port;
  }

  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    const refuse = (cause: unknown) => reject(new AgentServerListenError({ host, port, cause }));
    server.once("error", refuse);
    server.listen(port, host, () => {
      server.off("error", refuse);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${listeningPort()}`;
  let closed: Promise<void> | undefined;
  return {
    url,
    port: listeningPort(),
    close() {
      closed ??= (async () => {
        closing = true;
        for (const run of runs.values()) run.shutdown();
        await Promise.all([...runs.values()].map((run) => run.settled));
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}

/** The request's JSON body, refusing other content types and bodies over the limit. */
async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = request.headers["content-type"] ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new HttpRefusal(415, `Expected content-type application/json, got ${JSON.stringify(type)}.`);
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    request.resume();
    throw new HttpRefusal(413, `The body is ${declared} bytes; at most ${MAX_BODY_BYTES} are accepted.`);
  }
  const body = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Keep draining (and dropping) the rest so the 413 reaches the client; requestTimeout ends an endless one.
        chunks.length = 0;
        reject(
          new HttpRefusal(413, `The body is over ${MAX_BODY_BYTES} bytes; at most ${MAX_BODY_BYTES} are accepted.`),
        );
      } else chunks.push(chunk);
    });
    request.once("end", () => resolve(Buffer.concat(chunks)));
    request.once("error", reject);
  });
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpRefusal(400, "The body is not valid JSON.");
  }
}
