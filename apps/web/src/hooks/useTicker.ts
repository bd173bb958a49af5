import { useEffect, useState } from "react";

/** A counter that goes up every `ms` (for state that is not an event: a worker's proving state). */
export function useTicker({ ms }: { ms: number }): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return tick;
}
