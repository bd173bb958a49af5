import { rmSync } from "node:fs";
import { agentAccountAbi } from "@convergence/contracts";
import { createClients, getSession, type ReadClient, revokeSession } from "@convergence/sdk";
import { type Address, getAddress, type Hash, isAddressEqual } from "viem";
import { SessionKeyFileError } from "../errors/session.ts";
import type { GrantAgentSessionParameters } from "./grantAgentSession.ts";
import { readSessionKey } from "./readSessionKey.ts";
import { sessionKeyPath } from "./sessionKeyPath.ts";

export type RevokeAgentSessionParameters = Omit<GrantAgentSessionParameters, "contracts" | "fundEth"> & {
  /** Revoke this session key instead of the file's (the file may be gone: the agent that held it can delete it). */
  session?: Address;
  /** Revoke every session the account granted that is still active (from its SessionGranted events), and the file's. */
  all?: boolean;
};

export type RevokeAgentSessionReturnType = {
  /** The key file's session key, or the one given (`session`), or the first revoked (`all`). */
  session: Address | undefined;
  account: Address;
  /** The revocation of `session`, if it was active. */
  hash: Hash | undefined;
  wasActive: boolean;
  /** Every session revoked now, with its transaction. */
  revoked: { session: Address; hash: Hash }[];
  /** The key file, and whether it was deleted (it is, when it was this owner's). */
  path: string;
  deleted: boolean;
};

/** The sessions the account ever granted, from its SessionGranted events (oldest first, each once). */
async function grantedSessions(publicClient: ReadClient, account: Address): Promise<Address[]> {
  const logs = await publicClient.getContractEvents({
    address: account,
    abi: agentAccountAbi,
    eventName: "SessionGranted",
    fromBlock: 0n,
    toBlock: "latest",
  });
  const sessions = logs.map((log) => getAddress((log.args as { session: Address }).session));
  return sessions.filter((session, i) => sessions.indexOf(session) === i);
}

/**
 * Revokes the session key in `<home>/session-key.json` at once (the owner's key sends it) and deletes the file. A key
 * already revoked or expired is only deleted. The file lives with the agent, so a compromised agent can delete or
 * replace it: `session` revokes a key by its address, `all` every session the account's events show still active,
 * and with no file (or an unreadable one) and neither, the error lists the account's active sessions and says how.
 *
 * @example
 * const { revoked } = await revokeAgentSession({ rpcUrl, chainId, owner, home, all: true });
 */
export async function revokeAgentSession({
  rpcUrl,
  chainId,
  owner,
  home,
  session,
  all = false,
}: RevokeAgentSessionParameters): Promise<RevokeAgentSessionReturnType> {
  let read: ReturnType<typeof readSessionKey>;
  try {
    read = readSessionKey({ home, chainId });
  } catch (error) {
    if (!(error instanceof SessionKeyFileError) || (session === undefined && !all)) throw error;
    read = { path: "", found: false };
  }
  const ownFile = read.found && isAddressEqual(read.account, owner.address);
  if (read.found && !ownFile && session === undefined && !all) {
    throw new SessionKeyFileError({
      path: read.path,
      problem: `it acts for ${read.account}, not for the owner key given (${owner.address})`,
      fix: "Revoke it with that account's key (AGENT_PRIVATE_KEY).",
    });
  }
  const { publicClient, walletClient } = createClients({ rpcUrl, chainId, account: owner });
  const isActive = async (key: Address) =>
    (await getSession(publicClient, { account: owner.address, session: key })).active;

  const fileSession = ownFile && read.found ? read.file.session : undefined;
  const main = session ?? fileSession;
  if (main === undefined && !all) {
    const active: Address[] = [];
    for (const key of await grantedSessions(publicClient, owner.address)) if (await isActive(key)) active.push(key);
    throw new SessionKeyFileError({
      path: sessionKeyPath({ home }),
      problem:
        active.length === 0
          ? "there is none, and the account has no active session on chain"
          : `there is none, yet the account still has active session keys on chain: ${active.join(", ")}`,
      fix:
        active.length === 0
          ? "Nothing to revoke: grant one with `convergence agent session grant`."
          : "Revoke them with `convergence agent session revoke --all` (or `--session <address>`).",
    });
  }
  const targets = [
    ...(main === undefined ? [] : [getAddress(main)]),
    ...(fileSession === undefined ? [] : [fileSession]),
    ...(all ? await grantedSessions(publicClient, owner.address) : []),
  ].filter((key, i, list) => list.indexOf(key) === i);
  const revoked: { session: Address; hash: Hash }[] = [];
  let wasActive = false;
  for (const key of targets) {
    if (!(await isActive(key))) continue;
    if (main !== undefined && isAddressEqual(key, main)) wasActive = true;
    revoked.push({ session: key, hash: (await revokeSession(walletClient!, { session: key })).hash });
  }
  if (ownFile) rmSync(read.path, { force: true });
  const first = main ?? revoked[0]?.session;
  return {
    session: first,
    account: owner.address,
    hash: first === undefined ? undefined : revoked.find((r) => isAddressEqual(r.session, first))?.hash,
    wasActive: main === undefined ? revoked.length > 0 : wasActive,
    revoked,
    path: sessionKeyPath({ home }),
    deleted: ownFile,
  };
}
