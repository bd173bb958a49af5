import { WorkerRegistrationInvalidError } from "../../errors/registration.ts";
import {
  WORKER_REGISTRATION_EXPECTED,
  type WorkerRegistration,
  workerRegistrationSchema,
} from "./workerRegistration.ts";

export type ParseWorkerRegistrationParameters = {
  /** The decoded JSON of the file. */
  value: unknown;
  /** Where it came from (the agentURI), for the error message. */
  source: string;
};

export type ParseWorkerRegistrationReturnType = WorkerRegistration;

/**
 * Checks a worker's ERC-8004 registration file against the Convergence worker form (WORKER_REGISTRATION_TYPE, a
 * WORKER_SERVICE_NAME service with an http(s) endpoint, registrations, model entries with their pins and prices) and
 * returns it typed, unknown fields dropped. Throws WorkerRegistrationInvalidError naming the first field that does not
 * fit. A file that parses is still the worker's claim: compare its pins and registrations with what you trust.
 *
 * @example
 * const registration = parseWorkerRegistration({ value: await response.json(), source: agentURI });
 */
export function parseWorkerRegistration({
  value,
  source,
}: ParseWorkerRegistrationParameters): ParseWorkerRegistrationReturnType {
  const result = workerRegistrationSchema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const path = issue?.path ?? [];
  const field = path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );
  const key = path.filter((part) => typeof part !== "number").join(".");
  const expected = WORKER_REGISTRATION_EXPECTED[key] ?? issue?.message ?? "of the expected form";
  const detail = issue?.code === "custom" ? ` (${issue.message})` : "";
  throw new WorkerRegistrationInvalidError({ source, field: field || "the file", expected: `${expected}${detail}` });
}
