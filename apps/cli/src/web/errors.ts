import { CliError } from "../errors.ts";

/** `vite build` of apps/web failed: the dashboard cannot be served. */
export class DashboardBuildError extends CliError {
  override name = "DashboardBuildError";
  constructor({ appDir, output, cause }: { appDir: string; output: string; cause?: unknown }) {
    super(`Could not build the dashboard (${appDir}).`, {
      details: output.trim().split("\n").slice(-15).join("\n"),
      metaMessages: ["Run `pnpm install`, then `pnpm --filter @convergence/web build` to see the full error."],
      cause,
    });
  }
}

/** The dashboard's port is taken or cannot be bound. */
export class DashboardListenError extends CliError {
  override name = "DashboardListenError";
  constructor({ host, port, cause }: { host: string; port: number; cause: unknown }) {
    super(
      `The dashboard cannot listen on ${host}:${port} (${cause instanceof Error ? cause.message : String(cause)}).`,
      {
        metaMessages: ["Pick another port with --dashboard-port <port> (0: any free port)."],
        cause,
      },
    );
  }
}
