import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashVerificationKey, type VerificationKey } from "@convergence/zk";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.ts";
import { readPinFile } from "./readPinFile.ts";

const dir = mkdtempSync(join(tmpdir(), "cli-pin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A key of snarkjs' form (field order as snarkjs writes it); the numbers need not be curve points here.
const verificationKey = {
  protocol: "groth16",
  curve: "bn128",
  nPublic: 1,
  vk_alpha_1: ["1", "2", "1"],
  vk_beta_2: [
    ["1", "2"],
    ["3", "4"],
    ["1", "0"],
  ],
  vk_gamma_2: [
    ["1", "2"],
    ["3", "4"],
    ["1", "0"],
  ],
  vk_delta_2: [
    ["1", "2"],
    ["3", "4"],
    ["1", "0"],
  ],
  vk_alphabeta_12: [],
  IC: [
    ["1", "2", "1"],
    ["3", "4", "1"],
  ],
} as unknown as VerificationKey;
const release = {
  name: "risk-v1",
  commitment: "123",
  verificationKey,
  contributors: ["0x90f79bf6eb2c4f870365e785982e1f101e93b906"],
};
let files = 0;
const write = (content: unknown) => {
  const path = join(dir, `pin-${files++}.json`);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};

describe("readPinFile", () => {
  it("reads a release file, keeping the key as written (its hash is that of its JSON text)", async () => {
    const { name, pin } = await readPinFile({ path: write(release) });
    expect(name).toBe("risk-v1");
    expect(pin.commitment).toBe(123n);
    expect(pin.contributors).toEqual(release.contributors);
    expect(Object.keys(pin.verificationKey)).toEqual(Object.keys(verificationKey));
    expect(hashVerificationKey(pin.verificationKey)).toBe(hashVerificationKey(verificationKey));
  });

  it.each([
    ["not JSON", "{", /it is not JSON/],
    ["a decimal commitment missing", { ...release, commitment: "0x7b" }, /commitment: a decimal weight commitment/],
    [
      "a PLONK key",
      { ...release, verificationKey: { ...verificationKey, protocol: "plonk" } },
      /verificationKey\.protocol/,
    ],
    ["a contributor that is not an address", { ...release, contributors: ["me"] }, /contributors\.0: an address/],
    ["no contributors list", { ...release, contributors: undefined }, /contributors/],
  ])("refuses %s, naming --pin and the field", async (_what, content, message) => {
    const error = await readPinFile({ path: write(content) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/^Invalid --pin: /);
    expect((error as Error).message).toMatch(message);
  });
});
