import { FIELD_MODULUS, VALUE_MAX, VALUE_MIN } from "@convergence/zk";
import { z } from "zod";

/**
 * The request schemas of the HTTP API. Bodies are strict: an unknown key is an error, so a typo (`inputs`) is caught
 * rather than ignored. Integers a JSON number cannot hold exactly (job ids, salts) travel as decimal or 0x strings.
 */

const MAX_VALUES = 4096;

/** A uint256 written in decimal, e.g. a job id. */
export const uint256String = z
  .string()
  .regex(/^\d{1,78}$/, "expected a decimal integer")
  .transform((value) => BigInt(value))
  .refine((value) => value < 2n ** 256n, "expected a uint256");

/**
 * A JSON number that is finite. JSON has no Infinity, but JSON.parse reads 1e400 as one; values that are finite but
 * too large once scaled (1e308) are refused where they are scaled, naming the field too.
 */
const finiteNumber = z.number({
  error: (issue) => (issue.code === "invalid_type" ? "expected a finite number" : undefined),
});

export const jobIdParams = z.object({ jobId: uint256String }).strict();

const modelName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "expected a model name such as risk-v1");

/**
 * POST /v1/inference: the model by name as `model`, or as `modelId` (the x402 clients' name for it; one of the two).
 */
export const inferenceBody = z
  .object({
    model: modelName.optional(),
    modelId: modelName.optional(),
    input: z.array(finiteNumber).min(1).max(MAX_VALUES),
    encoding: z.enum(["float", "quantized"]).default("float"),
  })
  .strict()
  .refine((body) => (body.model === undefined) !== (body.modelId === undefined), {
    message: "expected the model's name in `model` or in `modelId` (one of the two)",
    path: ["model"],
  })
  .transform(({ model, modelId, ...rest }) => ({ ...rest, model: (model ?? modelId)! }));

/** The model a POST /v1/inference body names, before validation (the x402 gate prices by it). */
export function inferenceModelOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { model, modelId } = body as { model?: unknown; modelId?: unknown };
  const name = model ?? modelId;
  return typeof name === "string" ? name : undefined;
}

/** POST /v1/jobs/:jobId/input: the quantized input the requester committed to, and the salt. */
export const jobInputBody = z
  .object({
    input: z
      .array(finiteNumber.int().min(Number(VALUE_MIN)).max(Number(VALUE_MAX)))
      .min(1)
      .max(MAX_VALUES),
    salt: z
      .string()
      .regex(/^(0x[0-9a-fA-F]{1,64}|\d{1,78})$/, "expected a decimal or 0x-hex string")
      .transform((value) => BigInt(value))
      .refine((value) => value < FIELD_MODULUS, "expected a BN254 field element (below the scalar field modulus)"),
  })
  .strict();
