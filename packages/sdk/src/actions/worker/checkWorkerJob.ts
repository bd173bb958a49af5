import {
  arrayOf,
  type Check,
  checkFields,
  isDecimal,
  isFiniteNumber,
  isHash,
  isObject,
  isString,
  nullOr,
  optional,
} from "../../internal/checkWorkerFields.ts";
import type { WorkerJob } from "./types.ts";

const JOB_STATES = new Set(["open", "received", "proving", "submitted", "settled", "failed"]);

const jobFields: [string, Check, string][] = [
  ["jobId", isDecimal, "a decimal job id"],
  ["state", (v) => JOB_STATES.has(v as string), `one of ${[...JOB_STATES].join(", ")}`],
  ["modelId", isDecimal, "a decimal model id"],
  ["inputCommitment", isDecimal, "a decimal field element"],
  ["txHashes", arrayOf(isHash), "a list of transaction hashes"],
  [
    "timings",
    (v) => isObject(v) && Object.values(v as object).every((t) => isString(t) || isFiniteNumber(t)),
    "an object of numbers",
  ],
  [
    "output",
    nullOr(
      (v) =>
        isObject(v) &&
        arrayOf(isString)((v as Record<string, unknown>).raw) &&
        arrayOf(isFiniteNumber)((v as Record<string, unknown>).values) &&
        optional(isString)((v as Record<string, unknown>).label),
    ),
    "null or {raw, values, label}",
  ],
];

/**
 * Checks a worker's `GET /v1/jobs/:id` body before anything reads it: a worker is not trusted, and a field that is not
 * what the API says (a job id that is not decimal, timings that are not numbers) must not crash a caller after it paid.
 *
 * @example
 * const job = checkWorkerJob({ body, url });
 */
export function checkWorkerJob({ body, url }: { body: unknown; url: string }): WorkerJob {
  checkFields(body, jobFields, "job", url);
  return body as WorkerJob;
}
