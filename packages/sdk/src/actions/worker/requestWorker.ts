import {
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

/**
 * One call to the worker's HTTP API: JSON in and out, a timeout, and every error answer turned into its typed error.
 * Shared by the worker actions (deliverJobInput, getWorkerJob).
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
      });
    } catch (cause) {
      const reason = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
      throw new WorkerUnreachableError({ url, reason, cause });
    }
    let json: unknown;
    try {
      json = await response.json();
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
