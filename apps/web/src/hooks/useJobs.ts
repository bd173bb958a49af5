import { readJobs } from "../chain/readJobs.ts";
import { useDashboard } from "../config/useDashboard.ts";
import { type Loaded, useLoad } from "./useLoad.ts";
import { useTicker } from "./useTicker.ts";

/**
 * The escrow's jobs, reloaded on every stack event, and every 2 s for what is not an event (a worker's proving state).
 *
 * @example
 * const { data } = useJobs();
 */
export function useJobs(): Loaded<Awaited<ReturnType<typeof readJobs>>> {
  const { client, config, version, status } = useDashboard();
  const tick = useTicker({ ms: 2_000 });
  return useLoad(() => readJobs({ client, config }), [client, config, version, tick, status.state]);
}
