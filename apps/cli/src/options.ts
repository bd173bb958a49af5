import { DEVNET_MAX_WORKERS } from "@convergence/contracts";
import { parseTrustedClients } from "@convergence/sdk";
import { type Address, getAddress, isAddress, maxUint256, parseUnits } from "viem";
import { InvalidArgumentError } from "./errors.ts";

/** Parses a TCP port option (0 = any free port). */
export function parsePort(value: string): number {
  const port = Number(value);
  // Digits only: Number() also reads "", "1e3", "0x50" and " 80 ".
  if (!/^\d{1,5}$/.test(value) || port > 65_535) {
    throw new InvalidArgumentError({ argument: "--port", value, expected: "an integer from 0 to 65535" });
  }
  return port;
}

/** Parses an http(s) or ws(s) RPC URL option. */
export function parseRpcUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError({ argument: "--rpc", value, expected: "a URL such as http://127.0.0.1:8545" });
  }
  if (!["http:", "https:", "ws:", "wss:"].includes(url.protocol)) {
    throw new InvalidArgumentError({ argument: "--rpc", value, expected: "an http(s):// or ws(s):// URL" });
  }
  return value;
}

export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";

/** The RPC URL from --rpc, else CONVERGENCE_RPC_URL, else the local devnet. */
export function rpcUrlFrom(option: string | undefined): string {
  return parseRpcUrl(option ?? process.env.CONVERGENCE_RPC_URL ?? DEFAULT_RPC_URL);
}

export const DEFAULT_WORKER_URL = "http://127.0.0.1:8080";

/** Parses an http(s) worker URL option. */
export function parseWorkerUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return value;
  } catch {}
  throw new InvalidArgumentError({
    argument: "--worker-url",
    value,
    expected: "an http(s) URL such as http://127.0.0.1:8080",
  });
}

/** The worker the user named (--worker-url, else CONVERGENCE_WORKER_URL), or undefined: the market chooses. */
export function configuredWorkerUrl(option: string | undefined): string | undefined {
  const fromEnv = process.env.CONVERGENCE_WORKER_URL?.trim();
  return option ?? (fromEnv ? parseWorkerUrl(fromEnv) : undefined);
}

/** Parses `--trust-clients`: comma-separated addresses (the SDK's parseTrustedClients, naming the option). */
export function parseTrustClients(value: string): Address[] {
  return parseTrustedClients({ value, source: "--trust-clients" });
}

/**
 * Parses --input: a non-empty JSON array of finite numbers (a model input in real units). JSON.parse reads 1e400 as
 * Infinity; that element is named. Finite values too large for the model (1e308) are refused where they are quantized.
 */
export function parseInputArray(value: string): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((v) => typeof v === "number")) {
    throw new InvalidArgumentError({
      argument: "--input",
      value,
      expected: "a JSON array of numbers, e.g. --input '[0.5, -1.2, 3, 0, 0, 0, 0, 0]'",
    });
  }
  const infinite = parsed.findIndex((v) => !Number.isFinite(v));
  if (infinite >= 0) {
    throw new InvalidArgumentError({
      argument: `--input[${infinite}]`,
      value: String(parsed[infinite]),
      expected: "a finite number (JSON reads a number beyond about 1.8e308 as Infinity)",
    });
  }
  return parsed;
}

/** Parses `devnet --workers`: how many workers to run, from 1 to DEVNET_MAX_WORKERS. */
export function parseWorkerCount(value: string): number {
  const count = Number(value);
  if (!/^\d{1,2}$/.test(value) || count < 1 || count > DEVNET_MAX_WORKERS) {
    throw new InvalidArgumentError({
      argument: "--workers",
      value,
      expected: `a whole number of workers from 1 to ${DEVNET_MAX_WORKERS} (the devnet has a key for each)`,
    });
  }
  return count;
}

/** Parses a USDC amount option (`--pay`): positive, at most 6 decimals, exact (never through Number()). */
export function parseUsdc(argument: string) {
  return (value: string): string => {
    // 400 digits would pass Number() as Infinity and only fail when the permit is encoded.
    if (!/^\d+(\.\d{1,6})?$/.test(value) || parseUnits(value, 6) === 0n || parseUnits(value, 6) > maxUint256) {
      throw new InvalidArgumentError({
        argument,
        value,
        expected: "a positive USDC amount with at most 6 decimals and 2^256 - 1 base units, such as 2 or 0.5",
      });
    }
    return value;
  };
}

/** Parses a duration option in whole seconds, 1 to a year. */
export function parseSeconds(argument: string) {
  return (value: string): number => {
    const seconds = Number(value);
    if (!/^\d+$/.test(value) || seconds < 1 || seconds > 31_536_000) {
      throw new InvalidArgumentError({ argument, value, expected: "a whole number of seconds from 1 to 31536000" });
    }
    return seconds;
  };
}

/** Parses an ERC-8004 agent id option (`--worker-agent`, `--agent`). */
export function parseAgentId(argument: string) {
  return (value: string): bigint => {
    if (!/^\d{1,30}$/.test(value)) {
      throw new InvalidArgumentError({ argument, value, expected: "an ERC-8004 agent id such as 1" });
    }
    return BigInt(value);
  };
}

/** Parses an address option (checksummed or all lowercase). */
export function parseAddress(argument: string) {
  return (value: string): Address => {
    if (!isAddress(value)) {
      throw new InvalidArgumentError({
        argument,
        value,
        expected: "a 0x address of 40 hex digits (checksummed or lowercase)",
      });
    }
    return getAddress(value);
  };
}

/** Parses `--reputation-floor`: a success rate in percent, 0 to 100. */
export function parsePercent(argument: string) {
  return (value: string): number => {
    const percent = Number(value);
    if (!/^\d{1,3}(\.\d+)?$/.test(value) || percent > 100) {
      throw new InvalidArgumentError({
        argument,
        value,
        expected: "a success rate in percent from 0 to 100, such as 80",
      });
    }
    return percent;
  };
}
