import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { keccak256, stringToHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PreparedShape, prepareShape } from "../../test/prepareShape.ts";
import { InvalidContractNameError } from "../errors/verifier.ts";
import { setupRegistration } from "./setupRegistration.ts";
import { terminateCurve } from "./terminateCurve.ts";

describe("setupRegistration", () => {
  let shape: PreparedShape;

  beforeAll(async () => {
    // The risk-v1 shape: its setup is cached by the other zk tests.
    shape = await prepareShape({ widths: [8, 16, 3], seed: 51n, setup: true });
  });
  afterAll(() => terminateCurve());

  it("names the key by the verification key file's sha256 and the circuit by its cache key", async () => {
    const setup = shape.setup!;
    const registration = await setupRegistration({ setup, name: "risk-v1" });
    const vkey = await readFile(setup.verificationKeyPath);
    expect(registration.vkeyHash).toBe(`0x${createHash("sha256").update(vkey).digest("hex")}`);
    expect(registration.circuitId).toBe(keccak256(stringToHex(setup.record.key)));
  });

  it("compiles the key's verifier once, named after the model, only when asked", async () => {
    const registration = await setupRegistration({ setup: shape.setup!, name: "my-mlp" });
    const first = registration.compileVerifier();
    expect(registration.compileVerifier()).toBe(first);
    const compiled = await first;
    expect(compiled.contractName).toBe("MyMlpVerifier");
    expect(compiled.abi.some((item) => item.type === "function" && item.name === "verifyProof")).toBe(true);
    expect(compiled.bytecode).toMatch(/^0x[0-9a-f]{100,}$/);
    expect(compiled.deployedBytecode).toMatch(/^0x[0-9a-f]{100,}$/);
    expect(compiled.bytecode.length).toBeGreaterThan(compiled.deployedBytecode.length);
  });

  it("refuses a name no Solidity contract can carry, when the verifier is compiled", async () => {
    const registration = await setupRegistration({ setup: shape.setup!, name: "---" });
    await expect(registration.compileVerifier()).rejects.toBeInstanceOf(InvalidContractNameError);
  });
});
