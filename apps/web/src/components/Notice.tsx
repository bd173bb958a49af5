import type { ReactNode } from "react";

/**
 * An empty or error state: what is missing, and the command that fixes it (shown as a copyable line).
 *
 * @example
 * <Notice tone="error" title="The chain does not answer" command="pnpm convergence devnet" />
 */
export function Notice({
  tone = "info",
  title,
  children,
  command,
}: {
  tone?: "info" | "error" | "warning";
  title: string;
  children?: ReactNode;
  command?: string;
}) {
  return (
    <div className={`notice notice-${tone}`} role={tone === "error" ? "alert" : "status"} data-notice={tone}>
      <strong>{title}</strong>
      {children ? <div>{children}</div> : null}
      {command ? (
        <div className="command">
          Run: <code>{command}</code>
        </div>
      ) : null}
    </div>
  );
}
