import { existsSync, readFileSync, statSync } from "node:fs";
import { type Address, getAddress, isAddress, isHex, type LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { SessionKeyFileError } from "../errors/session.ts";
import { sessionKeyPath } from "./sessionKeyPath.ts";
import type { SessionKeyFile } from "./writeSessionKey.ts";

export type ReadSessionKeyParameters = {
  home: string;
  /** The chain the agent runs on: a key granted on another chain is refused. */
  chainId: number;
};

export type ReadSessionKeyReturnType =
  | { path: string; found: false }
  | { path: string; found: true; file: SessionKeyFile; account: Address; key: LocalAccount };

/**
 * Reads the session key file (sessionKeyPath), or says it is not there. A file that others can read, that is not the
 * format writeSessionKey writes, whose key does not match its address, or that was granted on another chain is an
 * error saying what to run.
 *
 * @example
 * const read = readSessionKey({ home: convergenceHome(), chainId });
 * if (read.found) createAgentContext({ ..., session: { account: read.account, key: read.key } });
 */
export function readSessionKey({ home, chainId }: ReadSessionKeyParameters): ReadSessionKeyReturnType {
  const path = sessionKeyPath({ home });
  if (!existsSync(path)) return { path, found: false };
  if (process.platform !== "win32" && (statSync(path).mode & 0o077) !== 0) {
    throw new SessionKeyFileError({
      path,
      problem: "other users can read it (it holds a private key)",
      fix: `Run \`chmod 600 ${path}\`, or revoke it (\`convergence agent session revoke\`) and grant a new one.`,
    });
  }
  let json: Partial<SessionKeyFile>;
  try {
    json = JSON.parse(readFileSync(path, "utf8")) as Partial<SessionKeyFile>;
  } catch (error) {
    // Only where it broke: the parser's message quotes the file's text, which may be a key.
    const at = /at position \d+/.exec((error as Error).message)?.[0];
    throw new SessionKeyFileError({ path, problem: `not JSON${at ? ` (${at})` : ""}` });
  }
  if (
    json.version !== 1 ||
    typeof json.chainId !== "number" ||
    typeof json.expiresAt !== "number" ||
    !isAddress(json.account ?? "", { strict: false }) ||
    !isAddress(json.session ?? "", { strict: false }) ||
    !isHex(json.privateKey) ||
    json.privateKey.length !== 66
  ) {
    throw new SessionKeyFileError({
      path,
      problem: "it is not a session key file (version 1: chainId, account, session, privateKey, expiresAt)",
    });
  }
  const key = privateKeyToAccount(json.privateKey);
  if (getAddress(key.address) !== getAddress(json.session!)) {
    throw new SessionKeyFileError({ path, problem: `its private key is not the key of ${json.session}` });
  }
  if (json.chainId !== chainId) {
    throw new SessionKeyFileError({
      path,
      problem: `it was granted on chain ${json.chainId}, and the agent runs on chain ${chainId}`,
      fix: "Grant one on this chain with `convergence agent session grant` (it replaces the file), or point --rpc at the other chain.",
    });
  }
  const file = { ...(json as SessionKeyFile), account: getAddress(json.account!), session: getAddress(json.session!) };
  return { path, found: true, file, account: file.account, key };
}
