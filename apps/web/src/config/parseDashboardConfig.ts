import { type Address, isAddress } from "viem";
import { DashboardConfigError } from "./DashboardConfigError.ts";
import type { DashboardConfig } from "./dashboardConfig.ts";

/**
 * Checks the server's /config.json before anything reads it, so a wrong field is named instead of surfacing later as a
 * failed RPC call.
 *
 * @example
 * const config = parseDashboardConfig({ value: await (await fetch("/config.json")).json() });
 */
export function parseDashboardConfig({ value }: { value: unknown }): DashboardConfig {
  const fail = (problem: string): never => {
    throw new DashboardConfigError(`/config.json ${problem}`);
  };
  if (typeof value !== "object" || value === null) return fail("is not a JSON object");
  const raw = value as Record<string, unknown>;
  if (typeof raw.rpcUrl !== "string" || !/^https?:\/\//.test(raw.rpcUrl)) fail("has no rpcUrl (http URL)");
  if (typeof raw.chainId !== "number" || !Number.isInteger(raw.chainId)) fail("has no chainId (integer)");
  const contracts = raw.contracts ?? {};
  if (typeof contracts !== "object" || contracts === null) return fail("contracts is not an object");
  for (const [name, address] of Object.entries(contracts)) {
    if (typeof address !== "string" || !isAddress(address)) fail(`contracts.${name} is not an address`);
  }
  const fromBlock = raw.fromBlock ?? "0";
  if (!/^[0-9]+$/.test(String(fromBlock))) fail("fromBlock is not a block number");
  const workers = raw.workers ?? [];
  if (!Array.isArray(workers) || workers.some((url) => typeof url !== "string")) fail("workers is not a list of URLs");
  const agentUrl = raw.agentUrl ?? null;
  if (agentUrl !== null && typeof agentUrl !== "string") fail("agentUrl is neither a URL nor null");
  const facilitatorUrl = raw.facilitatorUrl ?? null;
  if (facilitatorUrl !== null && typeof facilitatorUrl !== "string") fail("facilitatorUrl is neither a URL nor null");
  return {
    rpcUrl: raw.rpcUrl as string,
    chainId: raw.chainId as number,
    contracts: contracts as Record<string, Address>,
    fromBlock: String(fromBlock),
    workers: workers as string[],
    agentUrl: agentUrl as string | null,
    facilitatorUrl: facilitatorUrl as string | null,
  };
}
