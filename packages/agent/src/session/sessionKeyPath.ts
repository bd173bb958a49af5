import { join } from "node:path";

/**
 * Where the agent's session key lives: `<home>/session-key.json` (home: $CONVERGENCE_HOME), mode 0600.
 *
 * @example
 * const path = sessionKeyPath({ home: convergenceHome() });
 */
export function sessionKeyPath({ home }: { home: string }): string {
  return join(home, "session-key.json");
}
