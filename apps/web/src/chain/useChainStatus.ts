import { useEffect, useState } from "react";
import type { PublicClient } from "viem";
import type { DashboardConfig } from "../config/dashboardConfig.ts";

/** Whether the page can read the stack: the chain answers and the escrow has code there. */
export type ChainStatus =
  | { state: "checking" }
  | { state: "up"; blockNumber: bigint }
  | { state: "down"; error: string }
  | { state: "undeployed"; blockNumber: bigint };

/**
 * Polls the chain every 2 s: its block number, and whether the configured escrow has code (a chain restarted without
 * a deployment answers, but has nothing at the addresses).
 *
 * @example
 * const status = useChainStatus({ client, config });
 */
export function useChainStatus({ client, config }: { client: PublicClient; config: DashboardConfig }): ChainStatus {
  const [status, setStatus] = useState<ChainStatus>({ state: "checking" });
  useEffect(() => {
    let stopped = false;
    const probe = config.contracts.InferenceEscrow ?? config.contracts.AgentRegistry;
    const check = async () => {
      try {
        const blockNumber = await client.getBlockNumber({ cacheTime: 0 });
        const code = probe ? await client.getCode({ address: probe }) : undefined;
        if (stopped) return;
        setStatus((previous) => {
          const state = code && code !== "0x" ? "up" : "undeployed";
          return previous.state === state && "blockNumber" in previous && previous.blockNumber === blockNumber
            ? previous
            : { state, blockNumber };
        });
      } catch (error) {
        if (!stopped)
          setStatus({ state: "down", error: error instanceof Error ? error.message.split("\n")[0]! : String(error) });
      }
    };
    void check();
    const timer = setInterval(() => void check(), 2_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [client, config]);
  return status;
}
