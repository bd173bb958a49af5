import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "./errors.ts";
import { parseInputArray, parsePort, parseWorkerCount } from "./options.ts";

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
