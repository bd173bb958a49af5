import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PreparedShape, prepareShape } from "../../test/prepareShape.ts";
import { randomModel } from "../../test/randomModel.ts";
import { MalformedProofError, ProofModelMismatchError } from "../errors/proof.ts";
import { terminateCurve } from "../setup/terminateCurve.ts";
import { type ProveReturnType, prove } from "./prove.ts";
import { verify } from "./verify.ts";

/** Soundness through snarkjs: only the exact public signals the proof was made for verify. */
describe("verify", () => {
  let shape: PreparedShape;
  let other: PreparedShape;
  let proof: ProveReturnType;
  const input = [256n, -512n, 100n, 0n, 32767n, -32768n, 7n, -3n];

  beforeAll(async () => {
    shape = await prepareShape({ widths: [8, 16, 3], seed: 41n, setup: true });
    other = await prepareShape({ widths: [4, 8, 2], seed: 42n, setup: true });
    proof = await prove({ model: shape.model, input, binding: 1234n, keepCurve: true });
  });
  afterAll(terminateCurve);

  const check = (publicSignals: string[], proofObject: unknown = proof.proof) =>
    verify({ proof: proofObject, publicSignals, verificationKey: shape.setup!.verificationKey, keepCurve: true });
  const bump = (signals: string[], index: number) =>
    signals.map((signal, i) => (i === index ? (BigInt(signal) + 1n).toString() : signal));

  it("accepts the proof, with its expected commitments and binding", async () => {
    expect(await check(proof.publicSignals)).toBe(true);
    expect(
      await verify({
        proof: proof.proof,
        publicSignals: proof.publicSignals,
        verificationKey: shape.setup!.verificationKey,
        expected: { modelCommitment: proof.modelCommitment, inputCommitment: proof.inputCommitment, binding: 1234n },
        keepCurve: true,
      }),
    ).toBe(true);
  });

  it("rejects a changed output, model commitment, input commitment or binding", async () => {
    expect(await check(bump(proof.publicSignals, 3))).toBe(false);
    expect(await check(bump(proof.publicSignals, 5))).toBe(false);
    expect(await check(bump(proof.publicSignals, 0))).toBe(false);
    expect(await check(bump(proof.publicSignals, 1))).toBe(false);
    expect(await check(bump(proof.publicSignals, 2))).toBe(false);
  });

  it("rejects a proof made with other weights of the same shape", async () => {
    const impostor = randomModel({ widths: [8, 16, 3], scale: 8, random: shape.random });
    const forged = await prove({ model: impostor, input, binding: 1234n, keepCurve: true });
    // Claiming the registered model's commitment breaks the proof...
    expect(await check([proof.publicSignals[0] as string, ...forged.publicSignals.slice(1)], forged.proof)).toBe(false);
    // ...and keeping its own commitment names the wrong model.
    await expect(
      verify({
        proof: forged.proof,
        publicSignals: forged.publicSignals,
        verificationKey: shape.setup!.verificationKey,
        expected: { modelCommitment: proof.modelCommitment },
        keepCurve: true,
      }),
    ).rejects.toThrowError(ProofModelMismatchError);
  });

  it("rejects, with a reason, a proof for another model shape or job", async () => {
    const foreign = await prove({ model: other.model, input: [1n, 2n, 3n, 4n], keepCurve: true });
    await expect(check(foreign.publicSignals, foreign.proof)).rejects.toThrowError(
      /another model shape: expected 6 public signals, received 5/,
    );
    await expect(
      verify({
        proof: proof.proof,
        publicSignals: proof.publicSignals,
        verificationKey: shape.setup!.verificationKey,
        expected: { binding: 999n },
        keepCurve: true,
      }),
    ).rejects.toThrowError(/another job \(binding\): expected 999, received 1234/);
  });

  it("rejects malformed proofs with the reason", async () => {
    const { pi_a, ...noA } = proof.proof;
    await expect(check(proof.publicSignals, noA)).rejects.toThrowError(/pi_a must be an array of 3 coordinates/);
    await expect(check(proof.publicSignals, "not a proof")).rejects.toThrowError(MalformedProofError);
    await expect(check(proof.publicSignals, { ...proof.proof, pi_c: ["1", "x", "1"] })).rejects.toThrowError(
      /pi_c\[1\]/,
    );
    await expect(check(proof.publicSignals, { ...proof.proof, protocol: "plonk" })).rejects.toThrowError(/"groth16"/);
    await expect(check(["1", "2", -3 as unknown as string, "4", "5", "6"])).rejects.toThrowError(/publicSignals\[2\]/);
    // Well formed but not a point on the curve: not valid, no crash.
    expect(await check(proof.publicSignals, { ...proof.proof, pi_a: ["1", "3", "1"] })).toBe(false);
    expect(pi_a).toHaveLength(3);
  });
});
