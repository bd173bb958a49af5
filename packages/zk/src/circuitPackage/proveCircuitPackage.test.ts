import { join } from "node:path";
import { groth16 } from "snarkjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "../../test/createRandom.ts";
import { loadWitnessCalculator } from "../circuit/loadWitnessCalculator.ts";
import { commitInput } from "../commitment/commitInput.ts";
import { spongeHash } from "../commitment/spongeHash.ts";
import { CircuitInputError } from "../errors/circuitPackage.ts";
import { FIELD_MODULUS } from "../fixedPoint/constants.ts";
import { circuitsDir } from "../paths/circuitsDir.ts";
import type { CircuitInput } from "../proof/buildCircuitInput.ts";
import { terminateCurve } from "../setup/terminateCurve.ts";
import { buildPackageInput } from "./buildPackageInput.ts";
import type { CompileCircuitPackageReturnType } from "./compileCircuitPackage.ts";
import { loadCircuitPackage } from "./loadCircuitPackage.ts";
import { proveCircuitPackage } from "./proveCircuitPackage.ts";
import { setupCircuitPackage } from "./setupCircuitPackage.ts";
import type { CircuitPackage } from "./types.ts";

const example = join(circuitsDir(), "examples", "linear-threshold");

describe("the linear-threshold example: witness against the TypeScript reference, and proofs", () => {
  let pkg: CircuitPackage;
  let circuit: CompileCircuitPackageReturnType;
  let verificationKey: Awaited<ReturnType<typeof setupCircuitPackage>>["setup"]["verificationKey"];
  beforeAll(async () => {
    pkg = await loadCircuitPackage({ dir: example });
    const ready = await setupCircuitPackage({ pkg });
    circuit = ready.circuit;
    verificationKey = ready.setup.verificationKey;
  });
  afterAll(terminateCurve);

  const witnessOf = async (circuitInput: CircuitInput) =>
    (await loadWitnessCalculator({ circuit })).calculateWitness(circuitInput, true);

  it("computes the reference's outputs for random inputs, at the extremes and on both sides of the threshold", async () => {
    const random = createRandom(7n);
    const inputs: bigint[][] = [
      Array(8).fill(-32768n),
      Array(8).fill(32767n),
      [-32768n, 32767n, -32768n, 32767n, -32768n, 32767n, -32768n, 32767n],
      Array(8).fill(0n),
    ];
    for (let k = 0; k < 12; k++) inputs.push(Array.from({ length: 8 }, () => random.int(-2000n, 2000n)));
    const decisions = new Set<bigint>();
    for (const input of inputs) {
      const { circuitInput, outputs } = await buildPackageInput({ pkg, input, salt: 9n, binding: 3n });
      const witness = await witnessOf(circuitInput);
      // Witness 1..5 are the public signals.
      expect(witness.slice(4, 6)).toEqual(outputs.map((value) => (value < 0n ? FIELD_MODULUS + value : value)));
      decisions.add(outputs[1] as bigint);
    }
    expect([...decisions].sort()).toEqual([0n, 1n]);
  });

  it("rejects a wrong output, a wrong commitment and an out-of-range input", async () => {
    const input = [100n, -200n, 300n, 0n, 5n, 6n, -7n, 8n];
    const { circuitInput, outputs } = await buildPackageInput({ pkg, input, salt: 11n });
    await expect(witnessOf({ ...circuitInput, score: String((outputs[0] as bigint) + 1n) })).rejects.toThrow();
    await expect(witnessOf({ ...circuitInput, decision: String(1n - (outputs[1] as bigint)) })).rejects.toThrow();
    await expect(witnessOf({ ...circuitInput, modelCommitment: "12345" })).rejects.toThrow();
    await expect(
      witnessOf({ ...circuitInput, inputCommitment: String(await commitInput({ input, salt: 12n })) }),
    ).rejects.toThrow();
    // Different parameters under the registered commitment: the commitment check fails.
    await expect(witnessOf({ ...circuitInput, threshold: "-100" })).rejects.toThrow();
    // 40000 is past the signed 16-bit range the commitment range-checks. Everything else is consistent with it: an
    // input commitment packed without the range check (the offset value spills into the next slot) and its score.
    const wide = [40000n, 0n, 0n, 0n, 0n, 0n, 0n, 0n];
    const word = wide.reduce((sum, value, i) => sum + ((value + 32768n) << BigInt(16 * i)), 0n);
    const wideCommitment = await spongeHash({ count: 8, words: [word, 11n] });
    const score = (40000n * 420n + (64n << 8n)) >> 8n;
    await expect(
      witnessOf({
        ...circuitInput,
        x: wide.map(String),
        inputCommitment: String(wideCommitment),
        score: String(score),
        decision: "1",
      }),
    ).rejects.toThrow(/Num2Bits|Assert Failed/);
    // The TypeScript side refuses it before any witness, naming the value and the range.
    await expect(buildPackageInput({ pkg, input: wide, salt: 1n })).rejects.toThrow(CircuitInputError);
    await expect(buildPackageInput({ pkg, input: wide, salt: 1n })).rejects.toThrow(
      /input\[0\] is 40000, outside -32768..32767/,
    );
    await expect(buildPackageInput({ pkg, input: [1n], salt: 1n })).rejects.toThrow(/takes 8 values, received 1/);
  });

  it("proves with public signals [modelCommitment, inputCommitment, binding, score, decision] that verify", async () => {
    const input = [256n, -512n, 100n, 0n, 3000n, -7n, 1n, 2n];
    const result = await proveCircuitPackage({ pkg, input, salt: 5n, binding: 77n, keepCurve: true });
    const { outputs } = await buildPackageInput({ pkg, input, salt: 5n });
    expect(result.output).toEqual(outputs);
    expect(result.output).toEqual([240n, 1n]);
    expect(result.publicSignals).toEqual(
      [pkg.modelCommitment, await commitInput({ input, salt: 5n }), 77n, 240n, 1n].map(String),
    );
    expect(result.circuit).toBe(circuit.key);
    expect(await groth16.verify(verificationKey, result.publicSignals, result.proof)).toBe(true);
    const forged = [...result.publicSignals];
    forged[3] = "241";
    expect(await groth16.verify(verificationKey, forged, result.proof)).toBe(false);
  });
});
