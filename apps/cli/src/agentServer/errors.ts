import { CliError } from "../errors.ts";

/** The agent endpoint's port is taken (often by another endpoint: `convergence devnet` starts one) or cannot be bound. */
export class AgentServerListenError extends CliError {
  override name = "AgentServerListenError";
  constructor({ host, port, cause }: { host: string; port: number; cause: unknown }) {
    super(
      `The agent endpoint cannot listen on ${host}:${port} (${cause instanceof Error ? cause.message : String(cause)}).`,
      {
        metaMessages: [
          "Another agent endpoint may run there (`pnpm convergence devnet` starts one for its dashboard, on 8787).",
          "Pick another port: `convergence agent serve --port <port>` or `convergence devnet --agent-port <port>` (0: any free port).",
        ],
        cause,
      },
    );
  }
}
