import { PACK_OFFSET, PACK_VALUE_BITS, type QuantizedMlp } from "../src/index.ts";

export type Signals = Map<string, bigint>;

function bits(value: bigint, count: number): bigint[] {
  if (value < 0n || value >= 1n << BigInt(count)) throw new Error(`${value} does not fit ${count} bits`);
  return Array.from({ length: count }, (_, t) => (value >> BigInt(t)) & 1n);
}

/**
 * The named signals of one generated `Dense(nIn, nOut, S, Q, relu)` instance (`prefix` is e.g.
 * "main.layer0") for inputs `x`, as the honest witness holds them (signed, not yet field-encoded).
 *
 * @example
 * const { signals, y } = denseSignals({ prefix: "main.layer1", x: hidden, layer, scale: 8, quotientBits: 32 });
 */
export function denseSignals({
  prefix,
  x,
  layer,
  scale,
  quotientBits,
}: {
  prefix: string;
  x: readonly bigint[];
  layer: QuantizedMlp["layers"][number];
  scale: number;
  quotientBits: number;
}): { signals: Signals; y: bigint[] } {
  const signals: Signals = new Map();
  const unit = 1n << BigInt(scale);
  const offset = 1n << BigInt(quotientBits - 1);
  x.forEach((value, i) => {
    signals.set(`${prefix}.x[${i}]`, value);
  });
  const y = layer.weights.map((row, j) => {
    const bias = layer.bias[j] as bigint;
    signals.set(`${prefix}.b[${j}]`, bias);
    let acc = bias * unit;
    row.forEach((weight, i) => {
      const product = weight * (x[i] as bigint);
      signals.set(`${prefix}.w[${j}][${i}]`, weight);
      signals.set(`${prefix}.prod[${j}][${i}]`, product);
      acc += product;
    });
    const shifted = acc + offset * unit;
    bits(shifted, quotientBits + scale).forEach((bit, t) => {
      signals.set(`${prefix}.bits[${j}].out[${t}]`, bit);
    });
    signals.set(`${prefix}.bits[${j}].in`, shifted);
    const q = (shifted >> BigInt(scale)) - offset;
    const out = layer.relu && q < 0n ? 0n : q;
    signals.set(`${prefix}.r[${j}]`, shifted % unit);
    signals.set(`${prefix}.q[${j}]`, q);
    signals.set(`${prefix}.y[${j}]`, out);
    return out;
  });
  return { signals, y };
}

/**
 * The named signals of a `PackWords(n)` instance: each value's 16 range bits (of value + 2^15).
 *
 * @example
 * packSignals({ prefix: "main.inputCommit.pack", values: input })
 */
export function packSignals({ prefix, values }: { prefix: string; values: readonly bigint[] }): Signals {
  const signals: Signals = new Map();
  values.forEach((value, i) => {
    signals.set(`${prefix}.values[${i}]`, value);
    signals.set(`${prefix}.range[${i}].in`, value + PACK_OFFSET);
    bits(value + PACK_OFFSET, PACK_VALUE_BITS).forEach((bit, t) => {
      signals.set(`${prefix}.range[${i}].out[${t}]`, bit);
    });
  });
  return signals;
}

/**
 * Every named signal of the Dense layers, the range checks of both commitments, the private inputs
 * and the outputs of a generated main, computed independently of the circuit's wasm. Tests compare
 * it with the real witness, then edit it to build forged witnesses.
 *
 * @example
 * const signals = circuitSignals({ model, input, quotientBits: circuit.quotientBits });
 */
export function circuitSignals({
  model,
  input,
  quotientBits,
}: {
  model: QuantizedMlp;
  input: readonly bigint[];
  quotientBits: readonly number[];
}): Signals {
  const signals: Signals = new Map();
  const add = (more: Signals) => {
    for (const [name, value] of more) signals.set(name, value);
  };
  input.forEach((value, i) => {
    signals.set(`main.x[${i}]`, value);
  });
  add(packSignals({ prefix: "main.inputCommit.pack", values: input }));
  add(
    packSignals({
      prefix: "main.modelCommit.pack",
      values: model.layers.flatMap((layer) => [...layer.weights.flat(), ...layer.bias]),
    }),
  );
  let x: readonly bigint[] = input;
  model.layers.forEach((layer, k) => {
    layer.weights.forEach((row, j) => {
      row.forEach((weight, i) => {
        signals.set(`main.w${k}[${j}][${i}]`, weight);
      });
    });
    layer.bias.forEach((bias, j) => {
      signals.set(`main.b${k}[${j}]`, bias);
    });
    const dense = denseSignals({
      prefix: `main.layer${k}`,
      x,
      layer,
      scale: model.scale,
      quotientBits: quotientBits[k] as number,
    });
    add(dense.signals);
    x = dense.y;
  });
  x.forEach((value, j) => {
    signals.set(`main.outputs[${j}]`, value);
  });
  return signals;
}
