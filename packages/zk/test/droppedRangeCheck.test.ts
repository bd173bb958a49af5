import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CompiledCircuit, forward, modelShape, terminateCurve, toField } from "../src/index.ts";
import { checkWitness } from "./checkWitness.ts";
import { compileWithoutRemainderCheck } from "./compileWithoutRemainderCheck.ts";
import { loadR1cs, type R1csJson } from "./failingConstraints.ts";
import { forgeRescaleRemainder } from "./forgeRescaleRemainder.ts";
import { forgeWitness } from "./forgeWitness.ts";
import { honestWitness } from "./honestWitness.ts";
import { type PreparedShape, prepareShape } from "./prepareShape.ts";
import { type CircuitSymbols, readSymbols } from "./readSymbols.ts";
import { signalWire } from "./signalWire.ts";

/**
 * The malicious-prover suite is known to catch a dropped range check: the same circuit generator with
 * the rescale remainder's range check removed accepts attack (a)'s forged witness (an output raised by
 * one), which the real circuit rejects at exactly that check. If a refactor made attack (a) miss its
 * target, the weakened circuit would reject it too and this test would fail.
 */
describe("a circuit without the rescale remainder's range check (4-8-2)", () => {
  type Judged = { circuit: CompiledCircuit; symbols: CircuitSymbols; r1cs: R1csJson };
  let shape: PreparedShape;
  let real: Judged;
  let weak: Judged;
  let dir: string;
  const input = [300n, -200n, 512n, -1024n];

  const judged = async (circuit: CompiledCircuit): Promise<Judged> => ({
    circuit,
    symbols: await readSymbols({ circuit }),
    r1cs: await loadR1cs({ path: circuit.r1cs }),
  });

  /** Attack (a) on output 0, built from this circuit's own honest witness and signal names. */
  async function forgeFor({ circuit, symbols }: Judged) {
    const { witness, signals } = await honestWitness({ circuit, model: shape.model, input });
    const edits = forgeRescaleRemainder({
      signals,
      layer: 1,
      j: 0,
      scale: shape.model.scale,
      quotientBits: circuit.quotientBits[1] as number,
    });
    return { honest: witness, forged: forgeWitness({ witness, symbols, edits }) };
  }

  beforeAll(async () => {
    shape = await prepareShape({ widths: [4, 8, 2], seed: 31n });
    dir = await mkdtemp(join(tmpdir(), "zk-weakened-"));
    real = await judged(shape.circuit);
    weak = await judged(await compileWithoutRemainderCheck({ shape: modelShape({ model: shape.model }), dir }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await terminateCurve();
  });

  it("is the real circuit minus the remainders' bit checks, and accepts honest witnesses (control)", async () => {
    // One booleanity constraint per remainder bit: S bits for each of the 8 + 2 Dense outputs.
    expect(real.circuit.constraints - weak.circuit.constraints).toBe(shape.model.scale * (8 + 2));
    for (const judge of [real, weak]) {
      const { witness } = await honestWitness({ circuit: judge.circuit, model: shape.model, input });
      const path = join(dir, `${judge.circuit.name}-honest.wtns`);
      expect(await checkWitness({ ...judge, witness, path })).toEqual({ snarkjs: true, failing: [] });
    }
  });

  it("accepts attack (a)'s forged output, which the real circuit rejects at the remainder's range check", async () => {
    const raised = toField((forward({ model: shape.model, input }).output[0] as bigint) + 1n);

    const againstWeak = await forgeFor(weak);
    const outputWire = signalWire({ symbols: weak.symbols, name: "main.outputs[0]" }) as number;
    expect(againstWeak.forged[outputWire]).toBe(raised);
    expect(againstWeak.forged).not.toEqual(againstWeak.honest);
    const path = join(dir, "weak-forged.wtns");
    expect(await checkWitness({ ...weak, witness: againstWeak.forged, path })).toEqual({ snarkjs: true, failing: [] });

    const againstReal = await forgeFor(real);
    expect(againstReal.forged[signalWire({ symbols: real.symbols, name: "main.outputs[0]" }) as number]).toBe(raised);
    const verdict = await checkWitness({ ...real, witness: againstReal.forged, path: join(dir, "real-forged.wtns") });
    expect(verdict.snarkjs).toBe(false);
    // Exactly one check fails, and it is the booleanity of the remainder bit the forgery pushed below zero.
    const remainderBit = signalWire({ symbols: real.symbols, name: "main.layer1.bits[0].out[0]" });
    expect(remainderBit).toBeTypeOf("number");
    expect(verdict.failing).toHaveLength(1);
    expect(verdict.failing[0]?.wires).toContain(remainderBit);
  });
});
