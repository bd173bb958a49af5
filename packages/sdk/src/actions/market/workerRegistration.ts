import type { Address, Hex } from "viem";
import { z } from "zod";

/** The `type` of an ERC-8004 registration file (v1). */
export const WORKER_REGISTRATION_TYPE = "https://eips.ethereum.org/EIPS/eip-8004#registration-v1";

/** The name of the service entry whose `endpoint` is a Convergence worker's HTTP API. */
export const WORKER_SERVICE_NAME = "convergence-inference";

/** Where a Convergence worker serves its registration file, under its public URL. */
export const WORKER_REGISTRATION_PATH = "/.well-known/agent-registration.json";

/** The largest registration file getWorkerRegistration reads (a worker's is about 1 kB). */
export const WORKER_REGISTRATION_MAX_BYTES = 64 * 1024;

/**
 * A model a worker proves, as its registration file claims it (the worker's word: a requester keeps an entry only if
 * its commitment and vkeyHash equal the requester's pin, and still checks the on-chain registration before paying).
 */
export type WorkerRegistrationModel = {
  name: string;
  /** The ModelRegistry id the worker proves for, decimal. */
  modelId: string;
  /** Poseidon commitment of the quantized weights, decimal. */
  commitment: string;
  /** keccak256 of the verification key the registration's verifier checks. */
  vkeyHash: Hex;
  /** The verifier contract of that registration. */
  verifier: Address;
  proofSystem: string;
  /** The worker's price floor in token units, a decimal string such as "0.5": a job paying it is proven. */
  price: string;
  /** The same price in the token's base units, decimal. */
  priceUnits: string;
  /** The ERC-20 the escrow pays in. */
  token: Address;
  /**
   * The quick, unproven answer paid per call with x402 v2 (`POST <endpoint>/v1/inference`), when the worker sells one:
   * its price in the same token (its asset is the one the 402 names, checked by the payer before it signs).
   */
  x402?: WorkerRegistrationX402;
};

/** A model's x402 offer in a registration file: what one paid `POST /v1/inference` costs. */
export type WorkerRegistrationX402 = {
  /** A decimal string such as "0.01". */
  price: string;
  /** The same price in the token's base units, decimal. */
  priceUnits: string;
  /** The URL a paid call goes to. */
  endpoint: string;
};

/** One `registrations` entry: the agent this file describes, in `eip155:<chainId>:<AgentRegistry>`. */
export type WorkerRegistrationEntry = { agentId: number; agentRegistry: string };

/** A service the agent offers; a worker's API is the one named WORKER_SERVICE_NAME. */
export type WorkerRegistrationService = { name: string; endpoint: string; version?: string };

/** A Convergence worker's ERC-8004 registration file (its agentURI). Everything in it is the worker's claim. */
export type WorkerRegistration = {
  type: typeof WORKER_REGISTRATION_TYPE;
  name: string;
  description: string;
  image: string;
  services: WorkerRegistrationService[];
  x402Support: boolean;
  active: boolean;
  registrations: WorkerRegistrationEntry[];
  supportedTrust: string[];
  models: WorkerRegistrationModel[];
};

const uint = z.string().regex(/^(0|[1-9]\d{0,77})$/);
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/)
  .transform((value) => value as Address);
const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/)
  .transform((value) => value as Hex);
const httpUrl = z.url({ protocol: /^https?$/ });

/** True when `text` holds a C0 (U+0000-U+001F), DEL or C1 (U+0080-U+009F) control character. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/**
 * A string of at most `max` characters without control characters: everything in the file is the worker's text and
 * is printed (an ESC sequence in a name or endpoint would drive the requester's terminal).
 */
const text = ({ min = 0, max }: { min?: number; max: number }) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((value) => !hasControlCharacter(value), { message: "it contains a control character" });

/**
 * The registration file's schema (parseWorkerRegistration's): unknown fields are dropped, the fields a requester uses
 * must have their form, and no string holds a C0/C1 control character (the other fields' patterns exclude them). `expected` says, per field name, what the error message names.
 */
export const workerRegistrationSchema: z.ZodType<WorkerRegistration> = z.object({
  type: z.literal(WORKER_REGISTRATION_TYPE),
  name: text({ max: 256 }),
  description: text({ max: 4096 }).default(""),
  image: text({ max: 2048 }).default(""),
  services: z
    .array(
      z.object({
        name: text({ min: 1, max: 256 }),
        endpoint: text({ min: 1, max: 2048 }),
        version: text({ max: 64 }).optional(),
      }),
    )
    .max(64)
    .refine((services) => services.some((service) => service.name === WORKER_SERVICE_NAME), {
      message: `no "${WORKER_SERVICE_NAME}" service`,
    })
    .refine(
      (services) =>
        services
          .filter((service) => service.name === WORKER_SERVICE_NAME)
          .every((service) => httpUrl.safeParse(service.endpoint).success),
      { message: "an endpoint that is not an http(s) URL" },
    ),
  x402Support: z.boolean().default(false),
  active: z.boolean(),
  registrations: z
    .array(
      z.object({
        agentId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        agentRegistry: z.string().regex(/^eip155:\d{1,20}:0x[0-9a-fA-F]{40}$/),
      }),
    )
    .min(1)
    .max(64),
  supportedTrust: z
    .array(text({ max: 64 }))
    .max(16)
    .default([]),
  models: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
        modelId: uint,
        commitment: uint,
        vkeyHash: bytes32,
        verifier: address,
        proofSystem: text({ min: 1, max: 32 }),
        price: z.string().regex(/^\d{1,30}(\.\d{1,18})?$/),
        priceUnits: uint,
        token: address,
        x402: z
          .object({
            price: z.string().regex(/^\d{1,30}(\.\d{1,18})?$/),
            priceUnits: uint,
            endpoint: text({ min: 1, max: 2048 }).pipe(httpUrl),
          })
          .optional(),
      }),
    )
    .max(256),
});

/** What each field must be, for the error message, by its path without list indexes (`models.price`). */
export const WORKER_REGISTRATION_EXPECTED: Record<string, string> = {
  "": "a JSON object (an ERC-8004 registration file)",
  type: `"${WORKER_REGISTRATION_TYPE}"`,
  name: "a string without control characters",
  description: "a string without control characters",
  image: "a string without control characters",
  services: `a list of services ({ name, endpoint, version? }) with a "${WORKER_SERVICE_NAME}" service whose endpoint is an http(s) URL`,
  "services.name": "a non-empty string without control characters",
  "services.endpoint": "a non-empty string without control characters",
  "services.version": "a string without control characters",
  x402Support: "true or false",
  active: "true or false",
  registrations: "a non-empty list of { agentId, agentRegistry }",
  "registrations.agentId": "a non-negative integer",
  "registrations.agentRegistry": 'a CAIP-10 address "eip155:<chainId>:0x<40 hex digits>"',
  supportedTrust: "a list of strings without control characters",
  models: "a list of model entries",
  "models.name": "a model name (lowercase letters, digits and dashes)",
  "models.modelId": "a decimal integer string",
  "models.commitment": "a decimal integer string",
  "models.vkeyHash": "0x followed by 64 hex digits",
  "models.verifier": "an address (0x followed by 40 hex digits)",
  "models.proofSystem": 'a proof system name such as "groth16" (no control characters)',
  "models.price": 'a decimal string such as "0.5"',
  "models.priceUnits": "a decimal integer string (the token's base units)",
  "models.token": "an address (0x followed by 40 hex digits)",
  "models.x402": "{ price, priceUnits, endpoint } (the model's x402 price per call)",
  "models.x402.price": 'a decimal string such as "0.01"',
  "models.x402.priceUnits": "a decimal integer string (the token's base units)",
  "models.x402.endpoint": "an http(s) URL",
};
