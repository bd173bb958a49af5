import { Notice } from "./Notice.tsx";

/** The configured workers that did not answer: jobs still show from the chain, without the workers' states. */
export function WorkersDown({ urls }: { urls: readonly string[] }) {
  if (urls.length === 0) return null;
  return (
    <Notice tone="warning" title={`Worker down: ${urls.join(", ")} does not answer`} command="pnpm convergence devnet">
      Jobs still show from the chain; their proving state and prove times come back when the worker does (or start one
      alone with <code>pnpm worker</code>).
    </Notice>
  );
}
