import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "./errors.ts";
import {
  configuredWorkerUrl,
  parseAddress,
  parseAgentId,
  parseInputArray,
  parsePercent,
  parsePort,
  parseTrustClients,
  parseUsdc,
  parseWorkerCount,
} from "./options.ts";

describe("parsePort", () => {
  it("takes 0 to 65535 written in digits", () => {
    expect(parsePort("0")).toBe(0);
    expect(parsePort("8545")).toBe(8545);
    expect(parsePort("65535")).toBe(65_535);
  });
  it.each(["", " 80", "1e3", "0x50", "65536", "1e308", "Infinity", "-1", "80.0", "eighty"])(
    "refuses %j naming --port",
    (value) => {
      expect(() => parsePort(value)).toThrowError(InvalidArgumentError);
      expect(() => parsePort(value)).toThrowError(/Invalid --port: .*Expected an integer from 0 to 65535/);
    },
  );
});

describe("parseInputArray", () => {
  it("reads a JSON array of finite numbers, 1e308 included (the model's scale decides whether it fits)", () => {
    expect(parseInputArray("[0.5, -1.2, 3]")).toEqual([0.5, -1.2, 3]);
    expect(parseInputArray("[1e308, -1e308]")).toEqual([1e308, -1e308]);
  });
  it.each([
    ["[1e400, 0]", /Invalid --input\[0\]: "Infinity". Expected a finite number/],
    ["[0, -1e400]", /Invalid --input\[1\]: "-Infinity". Expected a finite number/],
    ["[1, 2", /Invalid --input: .*Expected a JSON array of numbers/],
    ["[]", /Invalid --input: .*Expected a JSON array of numbers/],
    ['[1, "2"]', /Invalid --input: .*Expected a JSON array of numbers/],
    ["[NaN]", /Invalid --input: .*Expected a JSON array of numbers/],
    ["[Infinity]", /Invalid --input: .*Expected a JSON array of numbers/],
    ["1e308", /Invalid --input: .*Expected a JSON array of numbers/],
  ])("refuses %s, naming the element", (value, message) => {
    expect(() => parseInputArray(value)).toThrowError(InvalidArgumentError);
    expect(() => parseInputArray(value)).toThrowError(message);
  });
});

describe("parseWorkerCount", () => {
  it("takes 1 to 8 workers", () => {
    expect(parseWorkerCount("1")).toBe(1);
    expect(parseWorkerCount("8")).toBe(8);
  });
  it.each(["0", "9", "", "2.5", "-1", " 2", "two", "1e1"])("refuses %j naming --workers and the range", (value) => {
    expect(() => parseWorkerCount(value)).toThrowError(InvalidArgumentError);
    expect(() => parseWorkerCount(value)).toThrowError(
      /Invalid --workers: .*Expected a whole number of workers from 1 to 8/,
    );
  });
});

describe("market options", () => {
  it("parses --pay, --agent, --client, --reputation-floor and --trust-clients, naming the option on a bad value", () => {
    expect(parseUsdc("--pay")("0.16")).toBe("0.16");
    expect(() => parseUsdc("--pay")("0")).toThrowError(/Invalid --pay: "0"/);
    expect(() => parseUsdc("--pay")("1.0000001")).toThrowError(/at most 6 decimals/);
    expect(parseAgentId("--agent")("12")).toBe(12n);
    expect(() => parseAgentId("--agent")("-1")).toThrowError(/Invalid --agent: "-1". Expected an ERC-8004 agent id/);
    const address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    expect(parseAddress("--client")(address.toLowerCase())).toBe(address);
    expect(() => parseAddress("--client")("0x1234")).toThrowError(/Invalid --client: "0x1234". Expected a 0x address/);
    expect(parsePercent("--reputation-floor")("87.5")).toBe(87.5);
    for (const bad of ["101", "-1", "x", ""]) {
      expect(() => parsePercent("--reputation-floor")(bad)).toThrowError(/Invalid --reputation-floor/);
    }
    expect(parseTrustClients(`${address}, ${address.toLowerCase()}`)).toEqual([address]);
    expect(() => parseTrustClients("0xnope")).toThrowError(/Invalid --trust-clients entry: "0xnope"/);
  });

  it("takes the worker from --worker-url, else CONVERGENCE_WORKER_URL, else none (the market chooses)", () => {
    const previous = process.env.CONVERGENCE_WORKER_URL;
    try {
      delete process.env.CONVERGENCE_WORKER_URL;
      expect(configuredWorkerUrl(undefined)).toBeUndefined();
      expect(configuredWorkerUrl("http://127.0.0.1:9")).toBe("http://127.0.0.1:9");
      process.env.CONVERGENCE_WORKER_URL = "http://127.0.0.1:8081";
      expect(configuredWorkerUrl(undefined)).toBe("http://127.0.0.1:8081");
      process.env.CONVERGENCE_WORKER_URL = "  ";
      expect(configuredWorkerUrl(undefined)).toBeUndefined();
      process.env.CONVERGENCE_WORKER_URL = "nope";
      expect(() => configuredWorkerUrl(undefined)).toThrowError(/Invalid --worker-url: "nope"/);
    } finally {
      if (previous === undefined) delete process.env.CONVERGENCE_WORKER_URL;
      else process.env.CONVERGENCE_WORKER_URL = previous;
    }
  });
});
