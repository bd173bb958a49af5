import { useDashboard } from "../config/useDashboard.ts";
import { Notice } from "./Notice.tsx";

/**
 * A page's read that failed, unless the chain is down or undeployed: the banner above every page already says that and
 * what to run, so the page does not repeat it as a raw RPC error.
 */
export function LoadError({ title, error }: { title: string; error: Error | undefined }) {
  const { status } = useDashboard();
  if (!error || status.state === "down" || status.state === "undeployed") return null;
  return (
    <Notice tone="error" title={title}>
      {error.message.split("\n")[0]}
    </Notice>
  );
}
