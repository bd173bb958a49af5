import { type DependencyList, useEffect, useState } from "react";

/** What a loader returned, or why it failed; `data` keeps the last good value while a reload runs. */
export type Loaded<T> = { data: T | undefined; error: Error | undefined; loading: boolean };

/**
 * Runs an async loader when its dependencies change (the stack's event counter among them), keeping the last good
 * value on screen while it reloads and dropping answers that arrive after a newer call.
 *
 * @example
 * const jobs = useLoad(() => readJobs({ client, config }), [client, config, version]);
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: undefined, loading: true });
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: unknown) =>
        current &&
        setState((previous) => ({
          data: previous.data,
          error: error instanceof Error ? error : new Error(String(error)),
          loading: false,
        })),
    );
    return () => {
      current = false;
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the loader depends on.
  }, deps);
  return state;
}
