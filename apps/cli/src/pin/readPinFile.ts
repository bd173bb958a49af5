import { readFile } from "node:fs/promises";
import type { ModelPin } from "@convergence/sdk";
import type { VerificationKey } from "@convergence/zk";
import { isAddress } from "viem";
import { z } from "zod";
import { InvalidArgumentError } from "../errors.ts";

/**
 * A release file (`--pin <release.json>`): what a model's publisher hands requesters, to pin it by. The verification
 * key is snarkjs' JSON (verification_key.json) as it is, fields in snarkjs' order: the registered key hash is the
 * sha256 of that JSON's text (`hashVerificationKey`). Numbers are decimal strings, as snarkjs writes them.
 *
 * ```json
 * { "name": "risk-v1", "commitment": "1234...", "verificationKey": { "protocol": "groth16", ... },
 *   "contributors": ["0x..."],
 *   "layout": { "numInputs": 8, "inputScale": 8, "outputScales": [8, 8, 8], "labels": ["low", "medium", "high"] } }
 * ```
 *
 * `layout` (optional) pins what the numbers mean; without it, `job open` takes the input scale and the labels from the
 * worker's GET /v1/models and says so.
 */
export const releaseFileSchema = z.object({
  /** The model or circuit package's name, as workers serve it (`--model`). */
  name: z.string().min(1),
  /** The weight commitment (Poseidon), decimal. */
  commitment: z.string().regex(/^\d{1,78}$/, "a decimal weight commitment"),
  /** The Groth16 verification key, as snarkjs exports it. */
  verificationKey: z.looseObject({
    protocol: z.literal("groth16"),
    curve: z.literal("bn128"),
    nPublic: z.number().int().min(1),
    IC: z.array(z.array(z.string())),
  }),
  /** Addresses whose signed phase-2 contributions the proving key holds (verified by the publisher's tooling). */
  contributors: z.array(z.string().refine((value) => isAddress(value, { strict: false }), "an address")),
  /** What the numbers mean: input width and fixed-point scale, each output's scale, the output labels (or none). */
  layout: z
    .strictObject({
      numInputs: z.number().int().min(1),
      inputScale: z.number().int().min(0).max(24),
      outputScales: z.array(z.number().int().min(0).max(64)).min(1),
      labels: z.array(z.string()).default([]),
    })
    .optional(),
});

/** A model's input and output layout, as its release or the requester's own copy says. */
export type PinnedLayout = { numInputs: number; inputScale: number; outputScales: number[]; labels: string[] };

export type ReadPinFileReturnType = { name: string; pin: ModelPin; layout?: PinnedLayout };

/**
 * Reads and checks a `--pin` release file (`releaseFileSchema`), naming the first field that is wrong.
 *
 * @example
 * const { name, pin } = await readPinFile({ path: "risk-v1.release.json" });
 */
export async function readPinFile({ path }: { path: string }): Promise<ReadPinFileReturnType> {
  const expected =
    'a release JSON file { "name", "commitment", "verificationKey", "contributors" } (docs: apps/cli/README.md)';
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InvalidArgumentError({
      argument: "--pin",
      value: path,
      expected: `${expected}; it cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidArgumentError({ argument: "--pin", value: path, expected: `${expected}; it is not JSON` });
  }
  const parsed = releaseFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidArgumentError({
      argument: "--pin",
      value: path,
      expected: `${expected}; ${issue.path.join(".") || "the file"}: ${issue.message}`,
    });
  }
  const { name, commitment, contributors, layout } = parsed.data;
  return {
    name,
    ...(layout ? { layout } : {}),
    pin: {
      commitment: BigInt(commitment),
      // The key as the file holds it, not zod's copy (which reorders fields): its hash is that of its JSON text.
      verificationKey: (json as { verificationKey: VerificationKey }).verificationKey,
      contributors: contributors as `0x${string}`[],
    },
  };
}
