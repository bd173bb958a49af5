import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type QuantizedMlp, terminateCurve } from "../src/index.ts";
import { checkWitness } from "./checkWitness.ts";
import { denseSignals, type Signals } from "./circuitSignals.ts";
import { loadR1cs, type R1csJson } from "./failingConstraints.ts";
import { forgeRescaleRemainder } from "./forgeRescaleRemainder.ts";
import { forgeWitness } from "./forgeWitness.ts";
import { honestWitness } from "./honestWitness.ts";
import { type PreparedShape, prepareShape } from "./prepareShape.ts";
import { type CircuitSymbols, readSymbols } from "./readSymbols.ts";

/**
 * Malicious prover: witnesses forged the way published zkML circuits have been broken. Each starts
 * from a valid witness, edits the signals an attacker controls (found by name in the .sym file) so
 * that every relation a weaker circuit would check still holds, and must fail the constraint check:
 * snarkjs' `wtns check` says so, and `failingConstraints` shows the one check that catches it.
 */
describe("malicious prover (8-16-3)", () => {
  let shape: PreparedShape;
  let symbols: CircuitSymbols;
  let r1cs: R1csJson;
  let dir: string;
  const S = 8;

  beforeAll(async () => {
    shape = await prepareShape({ widths: [8, 16, 3], seed: 21n });
    symbols = await readSymbols({ circuit: shape.circuit });
    r1cs = await loadR1cs({ path: shape.circuit.r1cs });
    dir = await mkdtemp(join(tmpdir(), "zk-forged-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await terminateCurve();
  });

  /** A valid witness for `input` and the named signals behind it. */
  function honest(input: bigint[], model: QuantizedMlp = shape.model) {
    return honestWitness({ circuit: shape.circuit, model, input });
  }

  /** Writes the edited named signals into a copy of the witness; a name the circuit lacks fails the test. */
  function forge(witness: bigint[], edits: Signals): bigint[] {
    return forgeWitness({ witness, symbols, edits });
  }

  async function check(witness: bigint[], name: string): Promise<{ snarkjs: boolean; failing: number }> {
    const { snarkjs, failing } = await checkWitness({
      circuit: shape.circuit,
      r1cs,
      witness,
      path: join(dir, `${name}.wtns`),
    });
    if (process.env["DEBUG_FORGE"]) {
      const names = new Map([...symbols.wires].map(([n, w]) => [w, n]));
      console.log(
        name,
        failing.map((f) => f.wires.map((w) => names.get(w)).join(" ")),
      );
    }
    return { snarkjs, failing: failing.length };
  }

  /** Recomputes the output layer from a forged hidden vector, as an attacker would. */
  function recomputeOutputLayer(edits: Signals, hidden: bigint[]): void {
    const last = shape.model.layers[1] as QuantizedMlp["layers"][number];
    const { signals, y } = denseSignals({
      prefix: "main.layer1",
      x: hidden,
      layer: last,
      scale: S,
      quotientBits: shape.circuit.quotientBits[1] as number,
    });
    for (const [name, value] of signals) edits.set(name, value);
    y.forEach((value, j) => {
      edits.set(`main.outputs[${j}]`, value);
    });
  }

  const input = [0n, 300n, -200n, 512n, -1024n, 77n, -5n, 1000n];

  it("accepts the honest witness (control), which the independent signal model reproduces", async () => {
    const { witness, signals } = await honest(input);
    expect(forge(witness, signals)).toEqual(witness);
    expect(await check(witness, "honest")).toEqual({ snarkjs: true, failing: 0 });
  });

  it("(a) rejects a rescaled output raised by one with its remainder lowered by 2^S", async () => {
    const { witness, signals } = await honest(input);
    const edits = forgeRescaleRemainder({
      signals,
      layer: 1,
      j: 0,
      scale: S,
      quotientBits: shape.circuit.quotientBits[1] as number,
    });
    expect(await check(forge(witness, edits), "rescale")).toEqual({ snarkjs: false, failing: 1 });
  });

  it("(b) rejects a ReLU whose sign comes from a non-canonical bit decomposition", async () => {
    const { witness, signals } = await honest(input);
    const Q = shape.circuit.quotientBits[0] as number;
    const j = (shape.model.layers[0]?.weights ?? []).findIndex(
      (_, n) => (signals.get(`main.layer0.q[${n}]`) as bigint) < 0n,
    );
    expect(j).toBeGreaterThanOrEqual(0);
    const q = signals.get(`main.layer0.q[${j}]`) as bigint;
    const top = S + Q - 1;
    const edits: Signals = new Map();
    // Same sum (2^top - 2 * 2^(top-1) = 0), but the "sign bit" now says q >= 0, so ReLU passes q through.
    edits.set(`main.layer0.bits[${j}].out[${top}]`, 1n);
    edits.set(
      `main.layer0.bits[${j}].out[${top - 1}]`,
      (signals.get(`main.layer0.bits[${j}].out[${top - 1}]`) as bigint) - 2n,
    );
    edits.set(`main.layer0.y[${j}]`, q);
    const hidden = (shape.model.layers[0]?.bias ?? []).map((_, n) =>
      n === j ? q : (signals.get(`main.layer0.y[${n}]`) as bigint),
    );
    recomputeOutputLayer(edits, hidden);
    expect(await check(forge(witness, edits), "relu")).toEqual({ snarkjs: false, failing: 1 });
  });

  it("(c) rejects an input value outside 16 bits packed into the same input commitment", async () => {
    const { witness } = await honest(input);
    // x_k + 2^16 and x_(k+1) - 1 pack into the same word: (u_k + 2^16) + (u_(k+1) - 1) * 2^16 = u_k + u_(k+1) * 2^16.
    // Column k is one whose weights are all small, so the forged input still fits every later range but its own.
    const rows = shape.model.layers[0]?.weights ?? [];
    const k = input.findIndex(
      (_, i) => i + 1 < input.length && rows.every((row) => (row[i] as bigint) ** 2n <= 256n ** 2n),
    );
    expect(k).toBeGreaterThanOrEqual(0);
    const forgedInput = input.map((x, i) => (i === k ? x + 65536n : i === k + 1 ? x - 1n : x));
    const edits = circuitSignalsUnchecked(forgedInput);
    // Range bits of x_k + 2^15 + 2^16: the top "bit" must hold 3 (or 2).
    const u = input[k]! + 32768n;
    for (let t = 0; t < 16; t++) edits.set(`main.inputCommit.pack.range[${k}].out[${t}]`, (u >> BigInt(t)) & 1n);
    edits.set(`main.inputCommit.pack.range[${k}].out[15]`, ((u >> 15n) & 1n) + 2n);
    setRangeBits(edits, `main.inputCommit.pack.range[${k + 1}]`, forgedInput[k + 1]! + 32768n);
    expect(await check(forge(witness, edits), "input-range")).toEqual({ snarkjs: false, failing: 1 });
  });

  it("(c) rejects a weight outside 16 bits packed into the same model commitment", async () => {
    const { witness } = await honest(input);
    // w[j][0] multiplies x0 = 0, so raising it by 2^16 changes no product; w[j][1] - 1 pays for it in
    // the packed word (both sit in one word: w[j][0] is not its last slot).
    const forged = structuredClone(shape.model);
    const rows = forged.layers[0]?.weights as bigint[][];
    const j = rows.findIndex((row, n) => (row[1] as bigint) > -32768n && (n * 8) % 15 !== 14);
    const row = rows[j] as bigint[];
    const u0 = (row[0] as bigint) + 32768n;
    row[0] = (row[0] as bigint) + 65536n;
    row[1] = (row[1] as bigint) - 1n;
    const edits = circuitSignalsUnchecked(input, forged);
    edits.set(`main.modelCommit.pack.range[${j * 8}].out[15]`, ((u0 >> 15n) & 1n) + 2n);
    for (let t = 0; t < 15; t++) edits.set(`main.modelCommit.pack.range[${j * 8}].out[${t}]`, (u0 >> BigInt(t)) & 1n);
    setRangeBits(edits, `main.modelCommit.pack.range[${j * 8 + 1}]`, (row[1] as bigint) + 32768n);
    expect(await check(forge(witness, edits), "weight-range")).toEqual({ snarkjs: false, failing: 1 });
  });

  it("(d) rejects a flipped sign bit", async () => {
    const { witness, signals } = await honest(input);
    const Q = shape.circuit.quotientBits[0] as number;
    const j = (shape.model.layers[0]?.weights ?? []).findIndex(
      (_, n) => (signals.get(`main.layer0.q[${n}]`) as bigint) < 0n,
    );
    expect(j).toBeGreaterThanOrEqual(0);
    const top = S + Q - 1;
    const edits: Signals = new Map();
    // Flip the sign bit of a negative pre-activation and follow through: q reads 2^(Q-1) higher and ReLU passes it.
    const q = (signals.get(`main.layer0.q[${j}]`) as bigint) + (1n << BigInt(Q - 1));
    edits.set(`main.layer0.bits[${j}].out[${top}]`, 1n);
    edits.set(`main.layer0.q[${j}]`, q);
    edits.set(`main.layer0.y[${j}]`, q);
    const hidden = (shape.model.layers[0]?.bias ?? []).map((_, n) =>
      n === j ? q : (signals.get(`main.layer0.y[${n}]`) as bigint),
    );
    recomputeOutputLayer(edits, hidden);
    const result = await check(forge(witness, edits), "sign");
    expect(result.snarkjs).toBe(false);
    expect(result.failing).toBeGreaterThan(0);
  });

  /** circuitSignals for values outside the honest ranges (the range bits are then set by hand). */
  function circuitSignalsUnchecked(forgedInput: bigint[], model: QuantizedMlp = shape.model): Signals {
    const edits: Signals = new Map();
    forgedInput.forEach((value, i) => {
      edits.set(`main.x[${i}]`, value);
    });
    model.layers.forEach((layer, k) => {
      layer.weights.forEach((row, j) => {
        row.forEach((weight, i) => {
          edits.set(`main.w${k}[${j}][${i}]`, weight);
        });
      });
    });
    const first = denseSignals({
      prefix: "main.layer0",
      x: forgedInput,
      layer: model.layers[0] as QuantizedMlp["layers"][number],
      scale: S,
      quotientBits: shape.circuit.quotientBits[0] as number,
    });
    for (const [name, value] of first.signals) edits.set(name, value);
    recomputeOutputLayer(edits, first.y);
    return edits;
  }

  /** The honest range bits of a value that stays in range (the one that pays for the forged one). */
  function setRangeBits(edits: Signals, prefix: string, unsigned: bigint): void {
    for (let t = 0; t < 16; t++) edits.set(`${prefix}.out[${t}]`, (unsigned >> BigInt(t)) & 1n);
  }
});
