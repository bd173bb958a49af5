import {
  WorkerAnswerTooLargeError,
  WorkerBusyError,
  WorkerCommitmentMismatchError,
  WorkerInvalidRequestError,
  WorkerJobConflictError,
  WorkerJobNotFoundError,
  WorkerModelNotServedError,
  WorkerPayloadTooLargeError,
  WorkerRequestError,
  WorkerUnauthorizedError,
  WorkerUnreachableError,
} from "../../errors/worker.ts";

export type RequestWorkerParameters = {
  workerUrl: string;
  method: "GET" | "POST";
  path: string;
  body?: unknown;
  /** Extra request headers (e.g. the requester's signature on a job read). */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** 429 and 503 answers retried, waiting Retry-After (at most 30 s) between tries. Default 0. */
  maxRetries?: number;
};

export type RequestWorkerReturnType<T> = { status: number; body: T };

/** The largest worker answer read (bytes): a job, a model list or an error is a few kilobytes. */
export const WORKER_ANSWER_MAX_BYTES = 256 * 1024;

/**
 * One call to the worker's HTTP API: JSON in and out, a timeout, and every error answer turned into its typed error.
 * Redirects are not followed (WorkerUnreachableError naming the URL: a worker could point the requester at an internal
 * address), and an answer larger than WORKER_ANSWER_MAX_BYTES (256 kB) is cut off (WorkerAnswerTooLargeError naming the
 * URL and the cap). Shared by the worker actions (deliverJobInput, getWorkerJob).
 *
 * @example
 * const { body } = await requestWorker<WorkerJob>({ workerUrl, method: "GET", path: "/v1/jobs/7" });
 */
export async function requestWorker<T>({
  workerUrl,
  method,
  path,
  body,
  headers = {},
  timeoutMs = 30_000,
  maxRetries = 0,
}: RequestWorkerParameters): Promise<RequestWorkerReturnType<T>> {
  const url = new URL(path, workerUrl).toString();
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
        body:
          body === undefined ? undefined : JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "error",
      });
    } catch (cause) {
      const inner = (cause as { cause?: { code?: string; message?: string } }).cause;
      const reason = /redirect/i.test(inner?.message ?? "")
        ? "it answered with a redirect, which is not followed"
        : (inner?.code ?? (cause as Error).message);
      throw new WorkerUnreachableError({ url, reason, cause });
    }
    const text = await readCapped(response, url);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new WorkerUnreachableError({ url, reason: `a ${response.status} answer that is not JSON`, cause });
    }
    if (response.ok) return { status: response.status, body: json as T };
    const { code = "UNKNOWN", message = response.statusText } =
      (json as { error?: { code?: string; message?: string } }).error ?? {};
    const retryAfter = Number(response.headers.get("retry-after"));
    const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
    const details = { url, status: response.status, code, message };
    if (response.status === 429 || response.status === 503) {
      if (attempt < maxRetries) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfterSeconds ?? 1, 30) * 1000));
        continue;
      }
      throw new WorkerBusyError({ ...details, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) });
    }
    if (response.status === 400) throw new WorkerInvalidRequestError(details);
    if (response.status === 404 && code === "JOB_NOT_FOUND") throw new WorkerJobNotFoundError(details);
    if (response.status === 404 && code === "MODEL_NOT_FOUND") throw new WorkerModelNotServedError(details);
    if (response.status === 409 && code === "COMMITMENT_MISMATCH") throw new WorkerCommitmentMismatchError(details);
    if (response.status === 409) throw new WorkerJobConflictError(details);
    if (response.status === 401) throw new WorkerUnauthorizedError(details);
    if (response.status === 413) throw new WorkerPayloadTooLargeError(details);
    throw new WorkerRequestError(details);
  }
}

/** The answer's body as text, at most WORKER_ANSWER_MAX_BYTES: read chunk by chunk, so a lying server is cut off. */
async function readCapped(response: Response, url: string): Promise<string> {
  const tooLarge = () => new WorkerAnswerTooLargeError({ url, maxBytes: WORKER_ANSWER_MAX_BYTES });
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > WORKER_ANSWER_MAX_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = response.body?.getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > WORKER_ANSWER_MAX_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (cause) {
    if (cause instanceof WorkerAnswerTooLargeError) throw cause;
    const reason = `the answer broke off (${(cause as Error).message})`;
    throw new WorkerUnreachableError({ url, reason, cause });
  }
  // Plain Uint8Array and TextDecoder (no Buffer): the dashboard calls this from a browser too.
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
