import { WorkerRegistrationUnreachableError } from "../../errors/registration.ts";
import { parseWorkerRegistration } from "./parseWorkerRegistration.ts";
import { WORKER_REGISTRATION_MAX_BYTES, type WorkerRegistration } from "./workerRegistration.ts";

export type GetWorkerRegistrationParameters = {
  /** The agent's on-chain agentURI: http(s)://, data:application/json;base64,... or data:application/json,... */
  agentURI: string;
  /** For an http(s) URI: the whole read, connect to last byte. Default 5000. */
  timeoutMs?: number;
};

export type GetWorkerRegistrationReturnType = WorkerRegistration;

/**
 * Reads a worker's ERC-8004 registration file from its agentURI (fetched over http(s), or decoded from a data: URI),
 * at most 64 kB, and parses it (parseWorkerRegistration). Redirects are not followed (a worker could point the requester
 * at an internal address). Throws WorkerRegistrationUnreachableError naming the URI when it cannot be read (no answer,
 * timeout, a redirect, an error status, too large, not JSON, a scheme it does not read), and
 * WorkerRegistrationInvalidError naming the field when the file is not a worker registration.
 *
 * @example
 * const { agentURI } = await getAgent({ client, registry, agentId });
 * const registration = await getWorkerRegistration({ agentURI });
 */
export async function getWorkerRegistration({
  agentURI,
  timeoutMs = 5_000,
}: GetWorkerRegistrationParameters): Promise<GetWorkerRegistrationReturnType> {
  const unreachable = (reason: string, cause?: unknown) =>
    new WorkerRegistrationUnreachableError({ agentURI, reason, ...(cause === undefined ? {} : { cause }) });
  const text = /^data:/i.test(agentURI)
    ? decodeDataUri(agentURI, unreachable)
    : await fetchText(agentURI, timeoutMs, unreachable);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw unreachable(`its content is not JSON (${(cause as Error).message})`, cause);
  }
  return parseWorkerRegistration({ value, source: agentURI });
}

type Unreachable = (reason: string, cause?: unknown) => WorkerRegistrationUnreachableError;

/** `data:application/json[;charset=...][;base64],<payload>` (RFC 2397), as UTF-8 text. */
function decodeDataUri(uri: string, unreachable: Unreachable): string {
  const comma = uri.indexOf(",");
  if (comma < 0) throw unreachable("a data: URI without a comma before its content");
  const [mediaType = "", ...parameters] = uri
    .slice("data:".length, comma)
    .split(";")
    .map((part) => part.trim().toLowerCase());
  if (mediaType !== "application/json") {
    throw unreachable(`a data: URI of ${mediaType || "text/plain"}, not application/json`);
  }
  const payload = uri.slice(comma + 1);
  // Decoded bytes are at most the payload's length (base64: three quarters of it).
  if (
    payload.length >
    (parameters.includes("base64") ? (WORKER_REGISTRATION_MAX_BYTES * 4) / 3 + 4 : 3 * WORKER_REGISTRATION_MAX_BYTES)
  ) {
    throw unreachable(`larger than ${WORKER_REGISTRATION_MAX_BYTES} bytes`);
  }
  // Uint8Array, atob and TextEncoder/TextDecoder rather than Buffer: the dashboard runs this in a browser too.
  let bytes: Uint8Array;
  if (parameters.includes("base64")) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) throw unreachable("a base64 data: URI whose content is not base64");
    bytes = Uint8Array.from(atob(payload), (char) => char.charCodeAt(0));
  } else {
    try {
      bytes = new TextEncoder().encode(decodeURIComponent(payload));
    } catch (cause) {
      throw unreachable("a data: URI whose content is not percent-encoded text", cause);
    }
  }
  if (bytes.length > WORKER_REGISTRATION_MAX_BYTES)
    throw unreachable(`larger than ${WORKER_REGISTRATION_MAX_BYTES} bytes`);
  return new TextDecoder().decode(bytes);
}

async function fetchText(uri: string, timeoutMs: number, unreachable: Unreachable): Promise<string> {
  let url: URL;
  try {
    url = new URL(uri);
  } catch (cause) {
    throw unreachable(uri === "" ? "the agent has no agentURI" : "not a URI", cause);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw unreachable(`its scheme ${url.protocol} is not read (only http(s):// and data:application/json)`);
  }
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = () => unreachable(`no complete answer within ${timeoutMs} ms`);
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, signal, redirect: "error" });
  } catch (cause) {
    if (signal.aborted) throw timedOut();
    if (isRedirectRefusal(cause)) throw unreachable("it answered with a redirect, which is not followed", cause);
    const reason = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
    throw unreachable(`no answer (${reason})`, cause);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw unreachable(`it answered ${response.status} ${response.statusText}`.trim());
  }
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > WORKER_REGISTRATION_MAX_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw unreachable(`larger than ${WORKER_REGISTRATION_MAX_BYTES} bytes (content-length ${declared})`);
  }
  // Read chunk by chunk: a server that declares no length (or lies) is cut off at the cap, not buffered whole.
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = response.body?.getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > WORKER_REGISTRATION_MAX_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw unreachable(`larger than ${WORKER_REGISTRATION_MAX_BYTES} bytes`);
      }
      chunks.push(value);
    }
  } catch (cause) {
    if (cause instanceof WorkerRegistrationUnreachableError) throw cause;
    if (signal.aborted) throw timedOut();
    throw unreachable(`the answer broke off (${(cause as Error).message})`, cause);
  }
  const text = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    text.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(text);
}

/** fetch with `redirect: "error"` rejects a 3xx answer with "fetch failed" caused by "unexpected redirect". */
function isRedirectRefusal(error: unknown): boolean {
  return /redirect/i.test((error as { cause?: { message?: string } }).cause?.message ?? "");
}
