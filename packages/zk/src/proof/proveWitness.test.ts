import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PreparedShape, prepareShape } from "../../test/prepareShape.ts";
import { commitInput } from "../commitment/commitInput.ts";
import { commitModel } from "../commitment/commitModel.ts";
import { WitnessError } from "../errors/proof.ts";
import { forward } from "../fixedPoint/forward.ts";
import { terminateCurve } from "../setup/terminateCurve.ts";
import { buildCircuitInput } from "./buildCircuitInput.ts";
import { proveWitness } from "./proveWitness.ts";
import { toField } from "./toField.ts";
import { verify } from "./verify.ts";

describe("proveWitness", () => {
  let shape: PreparedShape;
  let circuitInput: ReturnType<typeof buildCircuitInput>;
  let output: bigint[];
  beforeAll(async () => {
    shape = await prepareShape({ widths: [8, 16, 3], seed: 31n, setup: true });
    const input = Array.from({ length: 8 }, (_, i) => BigInt(i * 97 - 300));
    output = forward({ model: shape.model, input }).output;
    const modelCommitment = await commitModel({ model: shape.model });
    const inputCommitment = await commitInput({ input, salt: 9n });
    circuitInput = buildCircuitInput({
      model: shape.model,
      input,
      salt: 9n,
      binding: 4n,
      modelCommitment,
      inputCommitment,
      output,
    });
  });
  afterAll(terminateCurve);

  it("proves a witness the verifier accepts, with the outputs after the three leading public signals", async () => {
    const result = await proveWitness({ circuit: shape.circuit, circuitInput });
    expect(result.output).toEqual(output);
    expect(result.rawOutput).toEqual(output.map((value) => toField(value)));
    expect(result.publicSignals.slice(2)).toEqual(["4", ...result.rawOutput.map(String)]);
    expect(result.calldata.pubSignals).toEqual(result.publicSignals.map(BigInt));
    expect(result.proveMs).toBeGreaterThan(0);
    // Without keepCurve the curve threads are stopped.
    expect((globalThis as { curve_bn128?: unknown }).curve_bn128 ?? null).toBeNull();
    expect(
      await verify({
        proof: result.proof,
        publicSignals: result.publicSignals,
        verificationKey: shape.setup!.verificationKey,
      }),
    ).toBe(true);
  });

  it("throws WitnessError naming the circuit when the circuit rejects the witness", async () => {
    const wrong = { ...circuitInput, outputs: output.map((value) => toField(value + 1n).toString()) };
    await expect(proveWitness({ circuit: shape.circuit, circuitInput: wrong, keepCurve: true })).rejects.toSatisfy(
      (error) => error instanceof WitnessError && error.message.includes(shape.circuit.name),
    );
  });
});
