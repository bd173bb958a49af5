import { readPool } from "../chain/readPool.ts";
import { useDashboard } from "../config/useDashboard.ts";
import { type Loaded, useLoad } from "./useLoad.ts";

/** The pool's reserves, price and swaps, reloaded on every stack event. */
export function usePool(): Loaded<Awaited<ReturnType<typeof readPool>>> {
  const { client, config, version, status } = useDashboard();
  return useLoad(() => readPool({ client, config }), [client, config, version, status.state]);
}
