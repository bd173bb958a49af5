import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, readSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { SessionKeyFileError } from "../errors/session.ts";
import { readSessionKey } from "./readSessionKey.ts";
import { sessionKeyPath } from "./sessionKeyPath.ts";
import { writeSessionKey } from "./writeSessionKey.ts";

const account = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

function written() {
  const home = mkdtempSync(join(tmpdir(), "session-key-"));
  const privateKey = generatePrivateKey();
  const session = privateKeyToAccount(privateKey).address;
  const path = writeSessionKey({ home, file: { chainId: 31337, account, session, privateKey, expiresAt: 99 } });
  return { home, path, session, privateKey };
}

describe("writeSessionKey / readSessionKey", () => {
  it("writes the key 0600 and reads it back as an account", () => {
    const { home, path, session } = written();
    expect(path).toBe(sessionKeyPath({ home }));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const read = readSessionKey({ home, chainId: 31337 });
    expect(read.found).toBe(true);
    if (!read.found) return;
    expect(read.account).toBe(account);
    expect(read.key.address).toBe(session);
  });

  it("says when there is none", () => {
    const home = mkdtempSync(join(tmpdir(), "session-key-"));
    expect(readSessionKey({ home, chainId: 31337 })).toEqual({ path: sessionKeyPath({ home }), found: false });
  });

  it("refuses a file others can read, one for another chain, and one whose key is not its address", () => {
    const { home, path } = written();
    chmodSync(path, 0o644);
    expect(() => readSessionKey({ home, chainId: 31337 })).toThrow(/other users can read it.*\n.*chmod 600/s);
    chmodSync(path, 0o600);
    expect(() => readSessionKey({ home, chainId: 1 })).toThrow(/granted on chain 31337, and the agent runs on chain 1/);
    const file = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...file, session: account }), { mode: 0o600 });
    expect(() => readSessionKey({ home, chainId: 31337 })).toThrow(SessionKeyFileError);
    writeFileSync(path, "{ nope", { mode: 0o600 });
    expect(() => readSessionKey({ home, chainId: 31337 })).toThrow(/not JSON/);
  });

  it("rewriting keeps the file private even if it was loosened", () => {
    const { home, path, session, privateKey } = written();
    chmodSync(path, 0o644);
    writeSessionKey({ home, file: { chainId: 31337, account, session, privateKey, expiresAt: 1 } });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("a broken file's error never quotes it (it may hold a key)", () => {
    const { home, path, privateKey } = written();
    writeFileSync(path, `key ${privateKey}`, { mode: 0o600 });
    let message = "";
    try {
      readSessionKey({ home, chainId: 31337 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/not JSON/);
    expect(message).not.toContain(privateKey.slice(0, 6));
  });

  it("a new key never lands in the old file: a reader that opened it while it was loose cannot read the new key", () => {
    const { home, path, session } = written();
    chmodSync(path, 0o644);
    const fd = openSync(path, "r");
    const privateKey = generatePrivateKey();
    writeSessionKey({ home, file: { chainId: 31337, account, session, privateKey, expiresAt: 1 } });
    const buffer = Buffer.alloc(4096);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    closeSync(fd);
    expect(buffer.subarray(0, length).toString("utf8")).not.toContain(privateKey);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
