import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/config.ts";
import { loadConfig } from "./loadConfig.ts";

describe("loadConfig", () => {
  it("gives the local defaults for an empty environment", () => {
    const config = loadConfig({ env: {} });
    expect(config).toMatchObject({
      rpcUrl: "http://127.0.0.1:8545",
      privateKey: undefined,
      host: "127.0.0.1",
      port: 8080,
      concurrency: 1,
      queueLimit: 32,
      models: ["risk-v1"],
      bodyLimitBytes: 16_384,
      autoRegister: true,
      logLevel: "info",
      // 500,000 gas at 0.1 gwei and 3000 USDC/ETH is 0.15 USDC, plus 0.01 USDC of proving.
      minPrice: { default: 160_000n, byModel: {} },
      deadlineMarginSeconds: 30,
      // Resolved once the chain and the account are known: the worker's own account, plus the devnet publisher.
      publishers: undefined,
      // The URL it listens on, known once it listens.
      publicUrl: undefined,
      agentUri: undefined,
    });
    expect(config.dbPath).toBe(join(config.home, "worker", "jobs.sqlite"));
  });

  it("reads the price floor for every model, per model, or from the gas price it must cover", () => {
    expect(loadConfig({ env: { WORKER_MIN_PRICE: "0.5" } }).minPrice).toEqual({ default: 500_000n, byModel: {} });
    expect(loadConfig({ env: { WORKER_MIN_PRICE: "risk-v1=2, linear-threshold=0.000001" } }).minPrice).toEqual({
      default: 160_000n,
      byModel: { "risk-v1": 2_000_000n, "linear-threshold": 1n },
    });
    expect(loadConfig({ env: { WORKER_MIN_PRICE: "0,risk-v1=1" } }).minPrice).toEqual({
      default: 0n,
      byModel: { "risk-v1": 1_000_000n },
    });
    // 30 gwei (a busy mainnet) at 2500 USDC/ETH: 500,000 × 30e-9 × 2500 = 37.5 USDC, plus 0.05 of proving.
    const mainnet = loadConfig({
      env: { WORKER_GAS_PRICE_GWEI: "30", WORKER_ETH_PRICE_USDC: "2500", WORKER_PROVE_COST_USDC: "0.05" },
    });
    expect(mainnet.minPrice.default).toBe(37_550_000n);
  });

  it("reads every variable and treats an empty one as unset", () => {
    const key = `0x${"ab".repeat(32)}`;
    const config = loadConfig({
      env: {
        CONVERGENCE_RPC_URL: "https://rpc.example:8443/v1",
        WORKER_PRIVATE_KEY: key,
        CONVERGENCE_HOME: "/tmp/convergence-home",
        WORKER_HOST: "0.0.0.0",
        WORKER_PORT: "0",
        WORKER_CONCURRENCY: "2",
        WORKER_QUEUE_LIMIT: "5",
        WORKER_MODELS: " risk-v1 , my-mlp ",
        WORKER_AUTO_REGISTER: "false",
        WORKER_LOG_LEVEL: "",
      },
    });
    expect(config).toMatchObject({
      rpcUrl: "https://rpc.example:8443/v1",
      privateKey: key,
      home: "/tmp/convergence-home",
      dbPath: "/tmp/convergence-home/worker/jobs.sqlite",
      host: "0.0.0.0",
      port: 0,
      concurrency: 2,
      queueLimit: 5,
      models: ["risk-v1", "my-mlp"],
      autoRegister: false,
      logLevel: "info",
    });
  });

  it("reads WORKER_PUBLIC_URL without its trailing slash", () => {
    expect(loadConfig({ env: { WORKER_PUBLIC_URL: "https://worker.example.com/" } }).publicUrl).toBe(
      "https://worker.example.com",
    );
    expect(loadConfig({ env: { WORKER_PUBLIC_URL: "http://10.0.0.5:8080/convergence" } }).publicUrl).toBe(
      "http://10.0.0.5:8080/convergence",
    );
  });

  it("reads WORKER_PUBLISHERS checksummed or not, as checksummed addresses without duplicates", () => {
    const publisher = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    const other = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
    const { publishers } = loadConfig({
      env: {
        WORKER_PUBLISHERS: ` ${publisher.toLowerCase()}, ${other} ,${publisher.slice(0, 2)}${publisher.slice(2).toUpperCase()},`,
      },
    });
    expect(publishers).toEqual([publisher, other]);
  });

  it.each([
    ["0x90F79bf6EB2c4f870365E785982E1f101E93b906,0x1234", 'entry 2 ("0x1234") is not 0x followed by 40 hex digits'],
    ["publisher", 'entry 1 ("publisher") is not 0x followed by 40 hex digits'],
    // One letter's case changed: the checksum catches the typo.
    ["0x90f79bf6EB2c4f870365E785982E1f101E93b906", "mixed case with a wrong EIP-55 checksum"],
    [" , ", "it lists no address"],
  ])("refuses WORKER_PUBLISHERS=%j, naming the bad entry and the expected form", (value, problem) => {
    const error = (() => {
      try {
        loadConfig({ env: { WORKER_PUBLISHERS: value } });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as InvalidConfigError).variable).toBe("WORKER_PUBLISHERS");
    expect((error as Error).message).toContain(problem);
    expect((error as Error).message).toContain("Expected comma-separated addresses");
  });

  it.each([
    ["CONVERGENCE_RPC_URL", "localhost:8545", "http(s)://"],
    ["CONVERGENCE_RPC_URL", "ftp://127.0.0.1", "http(s)://"],
    ["WORKER_PRIVATE_KEY", "0x1234", "64 hex digits"],
    ["WORKER_PRIVATE_KEY", "ab".repeat(32), "64 hex digits"],
    ["WORKER_HOST", "my host", "IP address"],
    ["WORKER_PORT", "65536", "0 (any free port) to 65535"],
    ["WORKER_PORT", "80.5", "0 (any free port) to 65535"],
    ["WORKER_PORT", "-1", "0 (any free port) to 65535"],
    ["WORKER_CONCURRENCY", "0", "1 to 64"],
    ["WORKER_CONCURRENCY", "two", "1 to 64"],
    ["WORKER_QUEUE_LIMIT", "1e3", "1 to 100000"],
    ["WORKER_MODELS", "Risk_V1", "model names"],
    ["WORKER_MODELS", " , ", "model names"],
    ["WORKER_AUTO_REGISTER", "maybe", "true or false"],
    ["WORKER_LOG_LEVEL", "verbose", "debug, info"],
    ["WORKER_MIN_PRICE", "-1", "USDC a job must pay"],
    ["WORKER_MIN_PRICE", "0.0000001", "USDC a job must pay"],
    ["WORKER_MIN_PRICE", "risk-v1=", "USDC a job must pay"],
    ["WORKER_MIN_PRICE", "Risk=1", "USDC a job must pay"],
    ["WORKER_GAS_PRICE_GWEI", "fast", "gas price in gwei"],
    ["WORKER_ETH_PRICE_USDC", "1e3", "USDC one ETH is worth"],
    ["WORKER_PROVE_COST_USDC", "-0.01", "USDC one proof costs"],
    ["WORKER_DEADLINE_MARGIN_SECONDS", "86401", "0 to 86400"],
    ["WORKER_PUBLIC_URL", "worker.example.com", "http(s):// URL requesters reach"],
    ["WORKER_PUBLIC_URL", "ftp://worker.example.com", "http(s):// URL requesters reach"],
    ["WORKER_PUBLIC_URL", "https://worker.example.com/?a=1", "without query or credentials"],
    ["WORKER_PUBLIC_URL", "https://user:secret@worker.example.com", "without query or credentials"],
  ])("refuses %s=%j, naming the variable and the expected form", (variable, value, expected) => {
    let error: unknown;
    try {
      loadConfig({ env: { [variable]: value } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as InvalidConfigError).variable).toBe(variable);
    expect((error as Error).message).toContain(`Invalid ${variable}: ${JSON.stringify(value.trim())}`);
    expect((error as Error).message).toContain(expected);
  });
});

describe("x402 settings", () => {
  it("reads WORKER_X402_PRICE like WORKER_MIN_PRICE (0 or unset: free) and WORKER_FACILITATOR_URL", () => {
    expect(loadConfig({ env: {} })).toMatchObject({
      x402Price: { default: 0n, byModel: {} },
      facilitatorUrl: undefined,
    });
    expect(
      loadConfig({ env: { WORKER_X402_PRICE: "0.01,risk-v1=0.03", WORKER_FACILITATOR_URL: "http://127.0.0.1:4022/" } }),
    ).toMatchObject({
      x402Price: { default: 10_000n, byModel: { "risk-v1": 30_000n } },
      facilitatorUrl: "http://127.0.0.1:4022",
    });
    expect(() => loadConfig({ env: { WORKER_X402_PRICE: "-1" } })).toThrow(/WORKER_X402_PRICE[\s\S]*x402/);
    expect(() => loadConfig({ env: { WORKER_FACILITATOR_URL: "ftp://x" } })).toThrow(/WORKER_FACILITATOR_URL/);
  });
});

describe(".env.example", () => {
  it("lists exactly the variables loadConfig reads", async () => {
    const { readFileSync } = await import("node:fs");
    const { WORKER_ENV_VARIABLES } = await import("./loadConfig.ts");
    const text = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    const listed = [...text.matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]);
    expect([...listed].sort()).toEqual([...WORKER_ENV_VARIABLES].sort());
    // And every listed default loads.
    const env = Object.fromEntries([...text.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(() => loadConfig({ env })).not.toThrow();
  });
});
