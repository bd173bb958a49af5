import { rmSync } from "node:fs";
import { createClients, getSession, revokeSession } from "@convergence/sdk";
import { isAddressEqual } from "viem";
import { SessionKeyFileError } from "../errors/session.ts";
import type { GrantAgentSessionParameters } from "./grantAgentSession.ts";
import { readSessionKey } from "./readSessionKey.ts";

export type RevokeAgentSessionParameters = Omit<GrantAgentSessionParameters, "contracts" | "fundEth">;

/**
 * Revokes the session key in `<home>/session-key.json` at once (the owner's key sends it) and deletes the file. A key
 * already revoked or expired is only deleted.
 *
 * @example
 * const { session, hash } = await revokeAgentSession({ rpcUrl, chainId, owner, home });
 */
export async function revokeAgentSession({ rpcUrl, chainId, owner, home }: RevokeAgentSessionParameters) {
  const read = readSessionKey({ home, chainId });
  if (!read.found) {
    throw new SessionKeyFileError({
      path: read.path,
      problem: "there is none",
      fix: "Nothing to revoke: grant one with `convergence agent session grant`.",
    });
  }
  if (!isAddressEqual(read.account, owner.address)) {
    throw new SessionKeyFileError({
      path: read.path,
      problem: `it acts for ${read.account}, not for the owner key given (${owner.address})`,
      fix: "Revoke it with that account's key (AGENT_PRIVATE_KEY).",
    });
  }
  const { publicClient, walletClient } = createClients({ rpcUrl, chainId, account: owner });
  const view = await getSession(publicClient, { account: owner.address, session: read.file.session });
  const sent = view.active ? await revokeSession(walletClient!, { session: read.file.session }) : undefined;
  rmSync(read.path, { force: true });
  return {
    session: read.file.session,
    account: read.account,
    hash: sent?.hash,
    wasActive: view.active,
    path: read.path,
  };
}
