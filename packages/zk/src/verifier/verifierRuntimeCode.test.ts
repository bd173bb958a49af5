import { readFile } from "node:fs/promises";
import type { Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PreparedShape, prepareShape } from "../../test/prepareShape.ts";
import { InvalidCodeError, InvalidVerificationKeyError } from "../errors/verifier.ts";
import { setupRegistration } from "../setup/setupRegistration.ts";
import { sha256File } from "../setup/sha256File.ts";
import { terminateCurve } from "../setup/terminateCurve.ts";
import { compileVerifier } from "./compileVerifier.ts";
import { exportVerifier } from "./exportVerifier.ts";
import { hashVerificationKey } from "./hashVerificationKey.ts";
import { stripCodeMetadata } from "./stripCodeMetadata.ts";
import { verifierRuntimeCode } from "./verifierRuntimeCode.ts";

/**
 * The requester's side of Build 2 (issue #14): the verifier code compiled from a verification key alone equals the
 * code of the verifier exported from the proving key (today's registration path), so a requester holding only the
 * key recognises every honest registration's verifier, and no other key's.
 */
describe("hashVerificationKey, verifierRuntimeCode, stripCodeMetadata", () => {
  let shape: PreparedShape;
  let other: PreparedShape;

  beforeAll(async () => {
    // The risk-v1 shape and a second one, set up once in the zk cache (cached after the first run).
    shape = await prepareShape({ widths: [8, 16, 3], seed: 61n, setup: true });
    other = await prepareShape({ widths: [4, 8, 2], seed: 62n, setup: true });
  });
  afterAll(() => terminateCurve());

  it("hashes a key to the sha256 of its verification_key.json, as registrations record it", async () => {
    const setup = shape.setup!;
    const file = `0x${await sha256File({ path: setup.verificationKeyPath })}`;
    expect(hashVerificationKey(setup.verificationKey)).toBe(file);
    const reread = JSON.parse(await readFile(setup.verificationKeyPath, "utf8"));
    expect(hashVerificationKey(reread)).toBe(file);
    expect((await setupRegistration({ setup, name: "risk-v1" })).vkeyHash).toBe(file);
    expect(hashVerificationKey(other.setup!.verificationKey)).not.toBe(file);
  });

  it("compiles from the key alone the code of the verifier exported from the proving key", async () => {
    const setup = shape.setup!;
    const registration = await setupRegistration({ setup, name: "risk-v1" });
    const { deployedBytecode, contractName } = await registration.compileVerifier();
    expect(contractName).toBe("RiskV1Verifier");
    const expected = await verifierRuntimeCode({ verificationKey: setup.verificationKey });
    expect(expected).toMatch(/^0x[0-9a-f]{2000,}$/);
    expect(stripCodeMetadata(deployedBytecode)).toBe(expected);
    // The metadata trailer is what differed: it hashes the source, whose names and header differ.
    expect(deployedBytecode.toLowerCase()).not.toBe(expected);
    // Another model name exported from the same key: same code once stripped.
    const renamed = await exportVerifier({ zkey: setup.zkey, model: "my-model", outDirs: [] });
    const compiled = compileVerifier({ source: renamed.source, contractName: renamed.contractName });
    expect(stripCodeMetadata(compiled.deployedBytecode)).toBe(expected);
  });

  it("gives another key another code, and remembers a key's code", async () => {
    const first = verifierRuntimeCode({ verificationKey: shape.setup!.verificationKey });
    expect(verifierRuntimeCode({ verificationKey: structuredClone(shape.setup!.verificationKey) })).toBe(first);
    const otherCode = await verifierRuntimeCode({ verificationKey: other.setup!.verificationKey });
    expect(otherCode).not.toBe(await first);
    // Same shape, one delta coordinate changed: what a second phase 2 changes.
    const vk = structuredClone(shape.setup!.verificationKey);
    vk.vk_delta_2[0]![0] = (BigInt(vk.vk_delta_2[0]![0]!) + 1n).toString();
    expect(await verifierRuntimeCode({ verificationKey: vk })).not.toBe(await first);
  });

  it("refuses a key that is not a Groth16 snarkjs key, naming the field", () => {
    const vk = shape.setup!.verificationKey;
    const bad = (patch: Record<string, unknown>) => () => verifierRuntimeCode({ verificationKey: { ...vk, ...patch } });
    expect(bad({ protocol: "plonk" })).toThrowError(InvalidVerificationKeyError);
    expect(bad({ protocol: "plonk" })).toThrowError(/protocol is not "groth16"/);
    // Text that would be written into the Solidity source as is.
    expect(bad({ vk_alpha_1: ["1; } contract X {", "2", "1"] })).toThrowError(/vk_alpha_1 is not a G1 point/);
    expect(bad({ IC: vk.IC.slice(1) })).toThrowError(/IC is not nPublic \+ 1 \(7\) G1 points/);
    expect(bad({ vk_delta_2: [["1", "2"]] })).toThrowError(/vk_delta_2 is not a G2 point/);
  });

  it("strips only a CBOR trailer, and refuses what is not hex", () => {
    // solc's trailer: a2 64 'ipfs' 58 22 <34 bytes> 64 'solc' 43 <3 bytes>, then its length 0x0033.
    const trailer = `a264697066735822${"11".repeat(34)}64736f6c6343${"00081e"}0033`;
    expect(stripCodeMetadata(`0x6080ABCD${trailer}` as Hex)).toBe("0x6080abcd");
    expect(stripCodeMetadata("0x6080abcd00ff")).toBe("0x6080abcd00ff");
    expect(stripCodeMetadata("0x")).toBe("0x");
    expect(() => stripCodeMetadata("0x123" as Hex)).toThrowError(InvalidCodeError);
    expect(() => stripCodeMetadata("6080" as Hex)).toThrowError(/is not 0x-prefixed hex bytes/);
  });
});
