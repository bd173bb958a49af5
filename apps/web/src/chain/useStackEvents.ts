import { useEffect, useState } from "react";
import type { Address, PublicClient } from "viem";
import type { DashboardConfig } from "../config/dashboardConfig.ts";

/**
 * A counter that goes up whenever any stack contract emits an event (viem `watchEvent` over all their addresses): pages
 * reload what they show when it changes, so a job opened from the CLI appears without a reload.
 *
 * @example
 * const version = useStackEvents({ client, config });
 * useEffect(() => void reload(), [version]);
 */
export function useStackEvents({ client, config }: { client: PublicClient; config: DashboardConfig }): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const addresses = Object.values(config.contracts) as Address[];
    if (addresses.length === 0) return;
    return client.watchEvent({
      address: addresses,
      poll: true,
      pollingInterval: 1_000,
      onLogs: (logs) => {
        if (logs.length > 0) setVersion((v) => v + 1);
      },
      // A chain that stops answering is shown by useChainStatus; the watcher keeps polling and resumes with it.
      onError: () => {},
    });
  }, [client, config]);
  return version;
}
