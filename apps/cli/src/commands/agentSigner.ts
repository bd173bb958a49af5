import { readSessionKey, SessionKeyFileError } from "@convergence/agent";
import { convergenceHome } from "@convergence/paths";
import { getSession, type ReadClient } from "@convergence/sdk";
import type { Address, LocalAccount } from "viem";
import { agentAccount } from "../chain/agentAccount.ts";

export type AgentSignerParameters = {
  chainId: number;
  publicClient: ReadClient;
  /** `--session`: true (must), false (`--no-session`: the agent's own key), undefined (the key file decides). */
  session?: boolean;
  /** Where the session key file is (default $CONVERGENCE_HOME). */
  home?: string;
};

export type AgentSignerReturnType =
  | { kind: "own"; account: LocalAccount; address: Address; line: string }
  | { kind: "session"; session: { account: Address; key: LocalAccount }; address: Address; line: string };

/**
 * Which key the agent signs with. A session key file for this chain (`convergence agent session grant` writes it)
 * means the session key, acting for the owner's account: the owner's key is not loaded at all. `--no-session` uses the
 * agent's own key (AGENT_PRIVATE_KEY, or devnet #1); `--session` requires the file. A key the chain no longer honours
 * (revoked, expired) is an error saying what to run, before any intent is planned.
 *
 * @example
 * const signer = await agentSigner({ chainId, publicClient });
 * createAgentContext({ ...(signer.kind === "session" ? { session: signer.session } : { account: signer.account }), ... });
 */
export async function agentSigner({
  chainId,
  publicClient,
  session,
  home = convergenceHome(),
}: AgentSignerParameters): Promise<AgentSignerReturnType> {
  const read = session === false ? undefined : readSessionKey({ home, chainId });
  if (session === true && !read?.found) {
    throw new SessionKeyFileError({
      path: read?.path ?? "session-key.json",
      problem: "--session was given and there is none",
      fix: "Grant one with `convergence agent session grant` (with the owner's key, AGENT_PRIVATE_KEY), or drop --session.",
    });
  }
  if (read?.found) {
    const view = await getSession(publicClient, { account: read.account, session: read.file.session });
    if (!view.active) {
      throw new SessionKeyFileError({
        path: read.path,
        problem: `the chain no longer honours session key ${read.file.session} (${view.revoked ? "revoked" : !view.granted ? "never granted on this chain" : "expired"})`,
        fix: "Grant a new one with `convergence agent session grant`, or run on the agent's own key with --no-session.",
      });
    }
    return {
      kind: "session",
      session: { account: read.account, key: read.key },
      address: read.account,
      line: `on session key ${read.file.session} of its EIP-7702 account (limits the chain enforces: convergence agent session show)`,
    };
  }
  const account = agentAccount({ chainId });
  return { kind: "own", account, address: account.address, line: "on its own key" };
}
