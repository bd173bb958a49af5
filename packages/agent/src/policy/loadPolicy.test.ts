import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PolicyConfigError } from "../errors/policy.ts";
import { loadPolicy } from "./loadPolicy.ts";
import { defaultPolicyConfig } from "./types.ts";

const home = () => mkdtempSync(join(tmpdir(), "policy-"));

describe("loadPolicy", () => {
  it("writes the defaults on first use and reads them back", () => {
    const dir = join(home(), "nested");
    const first = loadPolicy({ home: dir });
    expect(first.created).toBe(true);
    expect(JSON.parse(readFileSync(first.path, "utf8"))).toEqual(defaultPolicyConfig);
    const second = loadPolicy({ home: dir });
    expect(second.created).toBe(false);
    expect(second.config).toEqual(defaultPolicyConfig);
    expect(second.ledgerPath).toBe(join(dir, "spend-ledger.json"));
  });
  it("reads the user's edits", () => {
    const dir = home();
    const edited = { ...defaultPolicyConfig, maxSlippageBps: 30 };
    writeFileSync(join(dir, "policy.json"), JSON.stringify(edited));
    expect(loadPolicy({ home: dir }).config.maxSlippageBps).toBe(30);
  });
  it("names the field of a bad value", () => {
    const dir = home();
    const bad = {
      ...defaultPolicyConfig,
      perTransactionCap: { ...defaultPolicyConfig.perTransactionCap, USDC: "lots" },
    };
    writeFileSync(join(dir, "policy.json"), JSON.stringify(bad));
    expect(() => loadPolicy({ home: dir })).toThrow(PolicyConfigError);
    try {
      loadPolicy({ home: dir });
    } catch (error) {
      expect((error as PolicyConfigError).field).toBe("perTransactionCap.USDC");
      expect((error as Error).message).toMatch(/field "perTransactionCap\.USDC"/);
    }
  });
  it("reads an onChain section, and names a bad field of it", () => {
    const dir = home();
    const onChain = {
      perCallCap: { ETH: "0.1", WETH: "1", USDC: "50" },
      dailyCap: { ETH: "0.5", WETH: "5", USDC: "200" },
      recipients: [],
      targets: ["USDC", "Pool"],
      expiresInHours: 2,
    };
    writeFileSync(join(dir, "policy.json"), JSON.stringify({ ...defaultPolicyConfig, onChain }));
    expect(loadPolicy({ home: dir }).config.onChain).toEqual(onChain);
    writeFileSync(
      join(dir, "policy.json"),
      JSON.stringify({ ...defaultPolicyConfig, onChain: { ...onChain, targets: ["Bank"] } }),
    );
    expect(() => loadPolicy({ home: dir })).toThrow(/field "onChain\.targets\.0"/);
    writeFileSync(
      join(dir, "policy.json"),
      JSON.stringify({ ...defaultPolicyConfig, onChain: { ...onChain, expiresInHours: 0 } }),
    );
    expect(() => loadPolicy({ home: dir })).toThrow(/field "onChain\.expiresInHours"/);
  });
  it("refuses a file that is not JSON, or has unknown fields", () => {
    const dir = home();
    writeFileSync(join(dir, "policy.json"), "{ nope");
    expect(() => loadPolicy({ home: dir })).toThrow(/not JSON/);
    writeFileSync(join(dir, "policy.json"), JSON.stringify({ ...defaultPolicyConfig, maxSlipageBps: 1 }));
    expect(() => loadPolicy({ home: dir })).toThrow(PolicyConfigError);
  });
  it("refuses a file with the removed allowlist.registeredAgents, saying what to do", () => {
    const dir = home();
    const old = { ...defaultPolicyConfig, allowlist: { ownAccounts: true, registeredAgents: true, addresses: [] } };
    writeFileSync(join(dir, "policy.json"), JSON.stringify(old));
    expect(() => loadPolicy({ home: dir })).toThrow(PolicyConfigError);
    expect(() => loadPolicy({ home: dir })).toThrow(
      /field "allowlist\.registeredAgents".*anyone can register.*"allowlist\.addresses"/,
    );
  });
  it("writes no registered-agent allowance into the defaults; anyRegisteredAgent is read when opted in", () => {
    const dir = home();
    const first = loadPolicy({ home: dir });
    expect(JSON.parse(readFileSync(first.path, "utf8")).allowlist).toEqual({ ownAccounts: true, addresses: [] });
    const optIn = { ...defaultPolicyConfig, allowlist: { ownAccounts: true, addresses: [], anyRegisteredAgent: true } };
    writeFileSync(first.path, JSON.stringify(optIn));
    expect(loadPolicy({ home: dir }).config.allowlist.anyRegisteredAgent).toBe(true);
  });
});
