import { createChatModel } from "@convergence/agent";
import type { Deployment } from "@convergence/contracts";
import { agentAccount } from "../chain/agentAccount.ts";
import { DEFAULT_AGENT_SERVER_PORT, type StartAgentServerReturnType, startAgentServer } from "./startAgentServer.ts";

export type StartDevnetAgentServerParameters = {
  rpcUrl: string;
  chainId: number;
  deployment: Pick<Deployment, "contracts" | "startBlock">;
  /**
   * The dashboard's URL (http://127.0.0.1:<port>): its origin, and no other, may call the endpoint. Not its localhost
   * twin: another server (a Vite dev app binds `localhost`, often [::1]) can listen on the same port beside the
   * dashboard's 127.0.0.1 socket and serve http://localhost:<port> pages.
   */
  dashboardUrl: string;
  /** Buy verified inference from this worker only (default: the market chooses). */
  workerUrl?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Folder of policy.json and the spend ledger (default $CONVERGENCE_HOME). */
  home?: string;
};

/**
 * The agent endpoint `convergence devnet` runs in-process for the dashboard's intent console: the devnet's agent
 * (AGENT_PRIVATE_KEY or account #1) with the model `agent run` would use (CONVERGENCE_MODEL, else embedded), every
 * send confirmed in the browser, callable from the dashboard's page only.
 *
 * @example
 * const agent = await startDevnetAgentServer({ rpcUrl, chainId: 31337, deployment, dashboardUrl: dashboard.url });
 * console.log(`Agent endpoint: ${agent.url}`);
 */
export function startDevnetAgentServer({
  rpcUrl,
  chainId,
  deployment,
  dashboardUrl,
  workerUrl,
  port = DEFAULT_AGENT_SERVER_PORT,
  home,
}: StartDevnetAgentServerParameters): Promise<StartAgentServerReturnType> {
  return startAgentServer({
    rpcUrl,
    chainId,
    account: agentAccount({ chainId }),
    contracts: deployment.contracts,
    model: createChatModel({}),
    ...(workerUrl === undefined ? {} : { workerUrl }),
    ...(home === undefined ? {} : { home }),
    market: { fromBlock: BigInt(deployment.startBlock) },
    port,
    allowedOrigins: [new URL(dashboardUrl).origin],
  });
}
