import { isAbsolute, join, resolve } from "node:path";
import { convergenceHome } from "@convergence/paths";
import { type Address, getAddress, type Hex, isAddress, isHex, parseUnits } from "viem";
import { z } from "zod";
import { InvalidConfigError } from "../errors/config.ts";
import type { PriceFloor } from "../jobs/checkJobTerms.ts";
import { defaultMinPrice } from "./defaultMinPrice.ts";

const integer = (min: number, max: number) =>
  z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));

/** A non-negative decimal with at most `decimals` fraction digits, as base units. */
const units = (decimals: number) =>
  z
    .string()
    .regex(new RegExp(`^\\d{1,30}(\\.\\d{1,${decimals}})?$`))
    .transform((value) => parseUnits(value, decimals));

const MODEL_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** `0.5`, `risk-v1=0.5,linear-threshold=0.2`, or both (`0.3,risk-v1=0.5`): USDC for every model, and per model. */
const minPrice = z
  .string()
  .transform((value) => value.split(",").map((entry) => entry.trim().split("=")))
  .pipe(z.array(z.union([z.tuple([units(6)]), z.tuple([z.string().regex(MODEL_NAME), units(6)])])))
  .transform((entries) => {
    const floor: { default: bigint | undefined; byModel: Record<string, bigint> } = { default: undefined, byModel: {} };
    for (const entry of entries) {
      if (entry.length === 1) floor.default = entry[0];
      else floor.byModel[entry[0]] = entry[1];
    }
    return floor;
  });

/** An address, all lowercase, all uppercase, or mixed case with a valid EIP-55 checksum (a wrong checksum is a typo). */
const isAddressEntry = (entry: string): boolean =>
  /^0x[0-9a-fA-F]{40}$/.test(entry) &&
  (entry.slice(2) === entry.slice(2).toLowerCase() ||
    entry.slice(2) === entry.slice(2).toUpperCase() ||
    isAddress(entry, { strict: true }));

const listEntries = (value: string): string[] =>
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);

/** Comma-separated addresses, checksummed, without duplicates. */
const addresses = z
  .string()
  .transform(listEntries)
  .pipe(z.array(z.string().refine(isAddressEntry)).min(1))
  .transform((entries) => [...new Set(entries.map((entry) => getAddress(entry.toLowerCase())))]);

/** Which entry of an address list is not an address, and why, for the error message. */
function addressListProblem(value: string): string | undefined {
  const entries = listEntries(value);
  if (entries.length === 0) return "it lists no address";
  for (const [index, entry] of entries.entries()) {
    if (isAddressEntry(entry)) continue;
    const why = /^0x[0-9a-fA-F]{40}$/.test(entry)
      ? "mixed case with a wrong EIP-55 checksum (a typo?)"
      : "not 0x followed by 40 hex digits";
    return `entry ${index + 1} (${JSON.stringify(entry)}) is ${why}`;
  }
  return undefined;
}

const boolean = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((value) => value === "1" || value === "true" || value === "yes");

/**
 * Every setting of the worker, one environment variable each, with its default and the form the error message
 * names when a value does not fit. apps/worker/.env.example lists the same variables.
 */
const variables = {
  CONVERGENCE_RPC_URL: {
    schema: z.url({ protocol: /^(https?|wss?)$/ }),
    default: "http://127.0.0.1:8545",
    expected: "an http(s):// or ws(s):// JSON-RPC URL such as http://127.0.0.1:8545",
  },
  WORKER_PRIVATE_KEY: {
    schema: z.string().refine((value): value is Hex => isHex(value) && value.length === 66),
    default: undefined,
    expected: "0x followed by 64 hex digits (unset on the local devnet: Hardhat account #2 is used)",
  },
  CONVERGENCE_HOME: {
    schema: z.string().min(1),
    default: undefined,
    expected: "a directory path (default .convergence/ at the repository root)",
  },
  CONVERGENCE_DEPLOYMENTS_DIR: {
    schema: z.string().min(1),
    default: undefined,
    expected: "a directory holding <chainId>.json deployment records (default deployments/)",
  },
  WORKER_DB_PATH: {
    schema: z.string().min(1),
    default: undefined,
    expected: "a file path for the job database (default $CONVERGENCE_HOME/worker/jobs.sqlite)",
  },
  WORKER_HOST: {
    schema: z.union([z.ipv4(), z.ipv6(), z.literal("localhost")]),
    default: "127.0.0.1",
    expected: "an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0",
  },
  WORKER_PORT: { schema: integer(0, 65_535), default: "8080", expected: "an integer from 0 (any free port) to 65535" },
  WORKER_CONCURRENCY: {
    schema: integer(1, 64),
    default: "1",
    expected: "an integer from 1 to 64: proofs run at the same time, one thread each",
  },
  WORKER_QUEUE_LIMIT: {
    schema: integer(1, 100_000),
    default: "32",
    expected: "an integer from 1 to 100000: jobs waiting for a prover before new input gets 429",
  },
  WORKER_MODELS: {
    schema: z
      .string()
      .transform((value) =>
        value
          .split(",")
          .map((name) => name.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/)).min(1)),
    default: "risk-v1",
    expected:
      "a comma-separated list of model names such as risk-v1,linear-threshold: imported MLPs, or circuit packages added with `convergence circuit add` ($CONVERGENCE_HOME/circuits/<name>/)",
  },
  WORKER_MIN_PRICE: {
    schema: minPrice,
    default: undefined,
    expected:
      "USDC a job must pay before it is proven: one amount for every model (0.5), per model (risk-v1=0.5,linear-threshold=0.2), or both (0.3,risk-v1=0.5); default: proving plus fulfil gas, from WORKER_GAS_PRICE_GWEI, WORKER_ETH_PRICE_USDC and WORKER_PROVE_COST_USDC",
  },
  WORKER_X402_PRICE: {
    schema: minPrice,
    default: undefined,
    expected:
      "USDC one unproven answer (POST /v1/inference) costs, paid per call with x402: one amount for every model (0.01), per model (risk-v1=0.01), or both (0.02,risk-v1=0.01); 0 or unset: free, no 402",
  },
  WORKER_FACILITATOR_URL: {
    schema: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .transform((value) => value.replace(/\/+$/, "")),
    default: undefined,
    expected:
      "the http(s):// URL of the x402 facilitator that verifies and settles payments, such as http://127.0.0.1:4022 (convergence facilitator); required when WORKER_X402_PRICE is above 0",
  },
  WORKER_GAS_PRICE_GWEI: {
    schema: units(9),
    default: "0.1",
    expected: "a gas price in gwei such as 0.1 (at most 9 decimals): what the default price floor pays fulfil's gas at",
  },
  WORKER_ETH_PRICE_USDC: {
    schema: units(6),
    default: "3000",
    expected: "USDC one ETH is worth, such as 3000 (at most 6 decimals), to price fulfil's gas in USDC",
  },
  WORKER_PROVE_COST_USDC: {
    schema: units(6),
    default: "0.01",
    expected: "USDC one proof costs this machine, such as 0.01 (at most 6 decimals)",
  },
  WORKER_DEADLINE_MARGIN_SECONDS: {
    schema: integer(0, 86_400),
    default: "30",
    expected:
      "an integer number of seconds from 0 to 86400 a job's deadline must leave beyond the measured prove-and-fulfil time",
  },
  WORKER_BODY_LIMIT_BYTES: {
    schema: integer(256, 10_485_760),
    default: "16384",
    expected: "an integer number of bytes from 256 to 10485760",
  },
  WORKER_POLL_INTERVAL_MS: {
    schema: integer(20, 600_000),
    default: "250",
    expected: "an integer number of milliseconds from 20 to 600000",
  },
  WORKER_CONFIRMATIONS: {
    schema: integer(0, 1_000),
    default: "0",
    expected: "an integer number of blocks from 0 to 1000 a JobOpened event must be under before it is seen",
  },
  WORKER_LOG_RANGE: {
    schema: integer(1, 100_000),
    default: "2000",
    expected: "an integer number of blocks from 1 to 100000 asked for in one eth_getLogs call",
  },
  WORKER_MAX_ATTEMPTS: {
    schema: integer(1, 100),
    default: "3",
    expected: "an integer from 1 to 100: tries per job before it is marked failed",
  },
  WORKER_DRAIN_TIMEOUT_MS: {
    schema: integer(0, 3_600_000),
    default: "120000",
    expected: "an integer number of milliseconds to finish in-flight proofs after SIGTERM",
  },
  WORKER_AUTO_REGISTER: {
    schema: boolean,
    default: "true",
    expected:
      "true or false: register the worker agent and its models on-chain when missing (models from the worker's account, when it is one of WORKER_PUBLISHERS)",
  },
  WORKER_PUBLIC_URL: {
    schema: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .refine((value) => {
        // Refinements run after a failed format check too: parse only what parses.
        const url = URL.canParse(value) ? new URL(value) : undefined;
        return url !== undefined && !url.search && !url.hash && !url.username && !url.password;
      })
      .transform((value) => value.replace(/\/+$/, "")),
    default: undefined,
    expected:
      "the http(s):// URL requesters reach this worker at, without query or credentials, such as https://worker.example.com (default the URL it listens on); its registration file is served at <url>/.well-known/agent-registration.json and the agent's agentURI points there",
  },
  WORKER_AGENT_URI: {
    schema: z.string().min(1).max(2048),
    default: undefined,
    expected:
      "the ERC-8004 registration URI of the worker agent, when the file is hosted elsewhere (default <WORKER_PUBLIC_URL>/.well-known/agent-registration.json, set on-chain by the worker)",
  },
  WORKER_PUBLISHERS: {
    schema: addresses,
    default: undefined,
    expected:
      "comma-separated addresses (checksummed or all lowercase) of the model publishers whose ModelRegistry registrations this worker serves; default: the worker's own account, plus Hardhat account #3 (the devnet publisher) on chain 31337",
    problem: addressListProblem,
  },
  WORKER_LOG_LEVEL: {
    schema: z.enum(["debug", "info", "warn", "error", "silent"]),
    default: "info",
    expected: "one of debug, info, warn, error, silent",
  },
} as const;

type Variables = typeof variables;
type Parsed = { [K in keyof Variables]: z.output<Variables[K]["schema"]> | (Variables[K]["default"] & undefined) };

export type WorkerConfig = {
  rpcUrl: string;
  /** Undefined: the devnet default account, allowed on chain 31337 only (checked once the chain id is known). */
  privateKey: Hex | undefined;
  home: string;
  deploymentsDir: string | undefined;
  dbPath: string;
  host: string;
  port: number;
  concurrency: number;
  queueLimit: number;
  models: string[];
  /** The lowest price, in USDC base units, of a job this worker proves (per model, else the default). */
  minPrice: PriceFloor;
  /**
   * WORKER_X402_PRICE: what one unproven answer (POST /v1/inference) costs, in USDC base units, paid per call with x402
   * (per model, else the default; 0: free).
   */
  x402Price: PriceFloor;
  /** WORKER_FACILITATOR_URL without a trailing slash: the x402 facilitator that verifies and settles those payments. */
  facilitatorUrl: string | undefined;
  /** Seconds a job's deadline must leave beyond the measured prove-and-fulfil time. */
  deadlineMarginSeconds: number;
  bodyLimitBytes: number;
  pollIntervalMs: number;
  confirmations: number;
  logRange: number;
  maxAttempts: number;
  drainTimeoutMs: number;
  autoRegister: boolean;
  /**
   * WORKER_PUBLIC_URL without a trailing slash: where requesters reach the API and the registration file. Undefined:
   * the URL the worker listens on.
   */
  publicUrl: string | undefined;
  /** WORKER_AGENT_URI: the agent's registration file is hosted there; the worker then leaves the on-chain URI alone. */
  agentUri: string | undefined;
  /**
   * WORKER_PUBLISHERS, checksummed: the owners whose registrations this worker serves. Undefined: the default, the
   * worker's own account plus the devnet publisher on chain 31337 (resolvePublishers, once the chain is known).
   */
  publishers: Address[] | undefined;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
};

export type LoadConfigParameters = {
  /** Default process.env. */
  env?: Record<string, string | undefined>;
};

export type LoadConfigReturnType = WorkerConfig;

/** The variables the worker reads, in the order .env.example lists them. */
export const WORKER_ENV_VARIABLES = Object.keys(variables) as (keyof Variables)[];

/**
 * Reads the worker's configuration from the environment through one schema. An empty variable counts as unset.
 * Throws InvalidConfigError naming the first variable whose value does not fit, with the expected form.
 *
 * @example
 * const config = loadConfig({ env: { WORKER_PORT: "0", WORKER_CONCURRENCY: "2" } });
 */
export function loadConfig({ env = process.env }: LoadConfigParameters = {}): LoadConfigReturnType {
  const parsed = {} as Record<string, unknown>;
  for (const name of WORKER_ENV_VARIABLES) {
    const spec = variables[name];
    const raw = env[name]?.trim() || undefined;
    const value = raw ?? spec.default;
    if (value === undefined) {
      parsed[name] = undefined;
      continue;
    }
    const result = (spec.schema as z.ZodType).safeParse(value);
    if (!result.success) {
      const problem = "problem" in spec ? spec.problem(value) : undefined;
      throw new InvalidConfigError({
        variable: name,
        value: raw,
        expected: spec.expected,
        ...(problem ? { problem } : {}),
      });
    }
    parsed[name] = result.data;
  }
  const p = parsed as Parsed;
  const home = convergenceHome({ env: { CONVERGENCE_HOME: p.CONVERGENCE_HOME } });
  const dbPath = p.WORKER_DB_PATH
    ? isAbsolute(p.WORKER_DB_PATH)
      ? p.WORKER_DB_PATH
      : resolve(p.WORKER_DB_PATH)
    : join(home, "worker", "jobs.sqlite");
  return {
    rpcUrl: p.CONVERGENCE_RPC_URL,
    privateKey: p.WORKER_PRIVATE_KEY as Hex | undefined,
    home,
    deploymentsDir: p.CONVERGENCE_DEPLOYMENTS_DIR ? resolve(p.CONVERGENCE_DEPLOYMENTS_DIR) : undefined,
    dbPath,
    host: p.WORKER_HOST,
    port: p.WORKER_PORT,
    concurrency: p.WORKER_CONCURRENCY,
    queueLimit: p.WORKER_QUEUE_LIMIT,
    models: p.WORKER_MODELS,
    minPrice: {
      default:
        p.WORKER_MIN_PRICE?.default ??
        defaultMinPrice({
          gasPriceWei: p.WORKER_GAS_PRICE_GWEI,
          ethPriceUsdc: p.WORKER_ETH_PRICE_USDC,
          proveCostUsdc: p.WORKER_PROVE_COST_USDC,
        }),
      byModel: p.WORKER_MIN_PRICE?.byModel ?? {},
    },
    x402Price: { default: p.WORKER_X402_PRICE?.default ?? 0n, byModel: p.WORKER_X402_PRICE?.byModel ?? {} },
    facilitatorUrl: p.WORKER_FACILITATOR_URL,
    deadlineMarginSeconds: p.WORKER_DEADLINE_MARGIN_SECONDS,
    bodyLimitBytes: p.WORKER_BODY_LIMIT_BYTES,
    pollIntervalMs: p.WORKER_POLL_INTERVAL_MS,
    confirmations: p.WORKER_CONFIRMATIONS,
    logRange: p.WORKER_LOG_RANGE,
    maxAttempts: p.WORKER_MAX_ATTEMPTS,
    drainTimeoutMs: p.WORKER_DRAIN_TIMEOUT_MS,
    autoRegister: p.WORKER_AUTO_REGISTER,
    publicUrl: p.WORKER_PUBLIC_URL,
    agentUri: p.WORKER_AGENT_URI,
    publishers: p.WORKER_PUBLISHERS,
    logLevel: p.WORKER_LOG_LEVEL,
  };
}
