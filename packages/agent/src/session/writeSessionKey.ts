import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Address, Hex } from "viem";
import { sessionKeyPath } from "./sessionKeyPath.ts";

export type SessionKeyFile = {
  version: 1;
  chainId: number;
  /** The owner's account (the EIP-7702 AgentAccount) the key acts for. */
  account: Address;
  /** The session key's own address. */
  session: Address;
  privateKey: Hex;
  /** The grant's last valid second (unix), as granted. */
  expiresAt: number;
};

export type WriteSessionKeyParameters = { home: string; file: Omit<SessionKeyFile, "version"> };

/**
 * Writes the session key file (sessionKeyPath) readable by its owner only (0600), replacing any earlier one. The
 * private key is never printed: only this file holds it.
 *
 * @example
 * const path = writeSessionKey({ home, file: { chainId, account, session: key.address, privateKey, expiresAt } });
 */
export function writeSessionKey({ home, file }: WriteSessionKeyParameters): string {
  const path = sessionKeyPath({ home });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ version: 1, ...file }, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync's mode applies only to a new file: an existing one keeps its mode unless set again.
  chmodSync(path, 0o600);
  return path;
}
