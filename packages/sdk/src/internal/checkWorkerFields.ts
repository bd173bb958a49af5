import { WorkerInvalidAnswerError } from "../errors/worker.ts";

/** Shape checks for answers from a worker, which is not trusted (checkWorkerJob, checkWorkerModels). */
export type Check = (value: unknown) => boolean;

export const isObject: Check = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
export const isString: Check = (v) => typeof v === "string";
export const isDecimal: Check = (v) => typeof v === "string" && /^\d{1,78}$/.test(v);
export const isHash: Check = (v) => typeof v === "string" && /^0x[0-9a-fA-F]{64}$/.test(v);
export const isFiniteNumber: Check = (v) => typeof v === "number" && Number.isFinite(v);
export const isScale: Check = (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 64;
export const arrayOf =
  (item: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(item);
export const nullOr =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
export const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);

/** Throws WorkerInvalidAnswerError naming the first field of `record` that fails its check. */
export function checkFields(record: unknown, fields: [string, Check, string][], at: string, url: string): void {
  if (!isObject(record)) throw new WorkerInvalidAnswerError({ url, field: at, expected: "an object" });
  for (const [name, ok, expected] of fields) {
    if (!ok((record as Record<string, unknown>)[name])) {
      throw new WorkerInvalidAnswerError({ url, field: `${at}.${name}`, expected });
    }
  }
}
