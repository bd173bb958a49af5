import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
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
  // A fresh file (0600 from birth) renamed over the old one: the key never lands in an existing file, which a reader
  // may have opened while it was loose.
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ version: 1, ...file }, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}
