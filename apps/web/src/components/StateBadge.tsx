import type { JobState } from "../chain/jobState.ts";

/** A job's state as a coloured badge (data-state for tests and scripts). */
export function StateBadge({ state }: { state: JobState }) {
  return (
    <span className={`state state-${state}`} data-state={state}>
      {state}
    </span>
  );
}
