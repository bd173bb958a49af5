import { Notice } from "../components/Notice.tsx";
import { useDashboard } from "../config/useDashboard.ts";

/** Placeholder until the intent console (issue #16, W2) replaces this file. */
export function IntentConsole() {
  const { config } = useDashboard();
  return (
    <section>
      <h1>Intent console</h1>
      {config.agentUrl ? (
        <p>Agent endpoint: {config.agentUrl}</p>
      ) : (
        <Notice title="No agent endpoint" command="pnpm convergence agent serve" />
      )}
    </section>
  );
}
