import { WorkerInvalidAnswerError } from "../../errors/worker.ts";
import {
  arrayOf,
  type Check,
  checkFields,
  isDecimal,
  isHash,
  isObject,
  isScale,
  isString,
  nullOr,
  optional,
} from "../../internal/checkWorkerFields.ts";
import type { WorkerModel } from "./getWorkerModels.ts";

const modelFields: [string, Check, string][] = [
  ["name", isString, "a name"],
  ["kind", (v) => v === "mlp" || v === "circuit", '"mlp" or "circuit"'],
  ["modelId", nullOr((v) => isDecimal(v) && v !== "0"), "null or a positive decimal model id"],
  [
    "shape",
    (v) => arrayOf((w) => Number.isInteger(w) && (w as number) > 0)(v) && (v as unknown[]).length >= 2,
    "layer widths",
  ],
  ["scale", isScale, "a fixed-point scale from 0 to 64"],
  ["labels", arrayOf(isString), "a list of labels"],
  ["commitment", isDecimal, "a decimal commitment"],
  [
    "minPrice",
    optional((v) => typeof v === "string" && /^\d{1,30}(\.\d{1,6})?$/.test(v)),
    'a USDC amount such as "0.16"',
  ],
  ["agentId", optional((v) => isDecimal(v) && v !== "0"), "a positive decimal ERC-8004 agent id"],
  [
    "identity",
    optional(
      (v) =>
        isObject(v) &&
        isHash((v as Record<string, unknown>).challenge) &&
        typeof (v as Record<string, unknown>).signature === "string" &&
        /^0x[0-9a-fA-F]{130}$/.test((v as Record<string, unknown>).signature as string),
    ),
    "{challenge, signature}: the 32-byte challenge and a 65-byte EIP-191 signature",
  ],
  [
    "outputs",
    optional(
      arrayOf(
        (o) =>
          isObject(o) && isString((o as Record<string, unknown>).name) && isScale((o as Record<string, unknown>).scale),
      ),
    ),
    "a list of {name, scale}",
  ],
];

/**
 * Checks a worker's `GET /v1/models` body: every model's id, shape, scales, labels and commitment are of the API's form
 * (a model id is a positive decimal, so `BigInt(modelId)` cannot throw or go negative).
 *
 * @example
 * const models = checkWorkerModels({ body, url });
 */
export function checkWorkerModels({ body, url }: { body: unknown; url: string }): WorkerModel[] {
  const models = isObject(body) ? (body as Record<string, unknown>).models : undefined;
  if (!Array.isArray(models)) throw new WorkerInvalidAnswerError({ url, field: "models", expected: "a list" });
  for (const [i, model] of models.entries()) checkFields(model, modelFields, `models[${i}]`, url);
  return models as WorkerModel[];
}
