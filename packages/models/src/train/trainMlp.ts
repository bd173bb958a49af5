import type { FloatMlp } from "@convergence/zk";
import { InvalidTrainingDataError } from "../errors/train.ts";
import { createPrng } from "../random/createPrng.ts";

export type TrainMlpParameters = {
  inputs: readonly (readonly number[])[];
  /** The class of each input, in [0, widths.at(-1)). */
  labels: readonly number[];
  /** Layer widths, input first: [8, 16, 3]. Hidden layers get ReLU; the last layer outputs logits. */
  widths: readonly number[];
  /** Seeds weight initialization and the shuffle order. */
  seed: number;
  /** Default 40. */
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** Adam step size; default 0.01. */
  learningRate?: number;
  /** L2 penalty on weights (not biases); default 1e-4. Small weights quantize with a finer scale. */
  weightDecay?: number;
};

export type TrainMlpReturnType = {
  /** The trained model with every parameter rounded to float32, exactly as an ONNX file stores it. */
  model: FloatMlp;
  /** Mean cross-entropy over the training set, per epoch. */
  losses: number[];
};

/**
 * Trains an MLP classifier with softmax cross-entropy and Adam, in plain TypeScript (float64, no
 * dependencies). Deterministic: the same data and seed give the same weights, bit for bit.
 *
 * @example
 * const { model } = trainMlp({ inputs, labels, widths: [8, 16, 3], seed: 1 })
 */
export function trainMlp(parameters: TrainMlpParameters): TrainMlpReturnType {
  const {
    inputs,
    labels,
    widths,
    seed,
    epochs = 40,
    batchSize = 32,
    learningRate = 0.01,
    weightDecay = 1e-4,
  } = parameters;
  const classes = widths.at(-1) ?? 0;
  if (widths.length < 2 || widths.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new InvalidTrainingDataError({
      problem: `widths [${widths.join(", ")}] must be two or more positive integers`,
    });
  }
  if (inputs.length === 0 || inputs.length !== labels.length) {
    throw new InvalidTrainingDataError({ problem: `${inputs.length} inputs and ${labels.length} labels` });
  }
  inputs.forEach((row, n) => {
    if (row.length !== widths[0] || row.some((v) => !Number.isFinite(v))) {
      throw new InvalidTrainingDataError({ problem: `input ${n} is not ${widths[0]} finite numbers` });
    }
    const label = labels[n] as number;
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new InvalidTrainingDataError({ problem: `label ${n} is ${label}, outside [0, ${classes})` });
    }
  });

  const prng = createPrng({ seed });
  const depth = widths.length - 1;
  const fanIn = (k: number) => widths[k] as number;
  const fanOut = (k: number) => widths[k + 1] as number;
  // Parameters per layer k: W[k] (fanOut x fanIn, row-major) and b[k]; He initialization for ReLU.
  const W = Array.from({ length: depth }, (_, k) =>
    Float64Array.from({ length: fanOut(k) * fanIn(k) }, () => prng.normal() * Math.sqrt(2 / fanIn(k))),
  );
  const b = Array.from({ length: depth }, (_, k) => new Float64Array(fanOut(k)));
  const params = [...W, ...b];
  const grads = params.map((p) => new Float64Array(p.length));
  const m1 = params.map((p) => new Float64Array(p.length));
  const m2 = params.map((p) => new Float64Array(p.length));
  const decays = params.map((_, i) => (i < depth ? weightDecay : 0));
  const acts = widths.map((w) => new Float64Array(w));
  const deltas = widths.map((w) => new Float64Array(w));
  const order = Array.from({ length: inputs.length }, (_, i) => i);
  const beta1 = 0.9;
  const beta2 = 0.999;
  let step = 0;
  const losses: number[] = [];

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = prng.int(0, i);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let lossSum = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const end = Math.min(start + batchSize, order.length);
      for (const g of grads) g.fill(0);
      for (let s = start; s < end; s++) {
        const n = order[s] as number;
        lossSum += backprop(inputs[n] as readonly number[], labels[n] as number);
      }
      step++;
      const scale = 1 / (end - start);
      const lr = (learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
      params.forEach((p, i) => {
        const g = grads[i] as Float64Array;
        const a = m1[i] as Float64Array;
        const v = m2[i] as Float64Array;
        const decay = decays[i] as number;
        for (let q = 0; q < p.length; q++) {
          const gq = (g[q] as number) * scale + decay * (p[q] as number);
          a[q] = beta1 * (a[q] as number) + (1 - beta1) * gq;
          v[q] = beta2 * (v[q] as number) + (1 - beta2) * gq * gq;
          p[q] = (p[q] as number) - (lr * (a[q] as number)) / (Math.sqrt(v[q] as number) + 1e-8);
        }
      });
    }
    losses.push(lossSum / order.length);
  }

  function backprop(x: readonly number[], label: number): number {
    (acts[0] as Float64Array).set(x);
    for (let k = 0; k < depth; k++) {
      const w = W[k] as Float64Array;
      const bias = b[k] as Float64Array;
      const input = acts[k] as Float64Array;
      const out = acts[k + 1] as Float64Array;
      const n = fanIn(k);
      for (let j = 0; j < fanOut(k); j++) {
        let acc = bias[j] as number;
        for (let i = 0; i < n; i++) acc += (w[j * n + i] as number) * (input[i] as number);
        out[j] = k < depth - 1 && acc < 0 ? 0 : acc;
      }
    }
    const logits = acts[depth] as Float64Array;
    let max = Number.NEGATIVE_INFINITY;
    for (const z of logits) max = Math.max(max, z);
    let sum = 0;
    for (const z of logits) sum += Math.exp(z - max);
    const top = deltas[depth] as Float64Array;
    for (let j = 0; j < classes; j++) top[j] = Math.exp((logits[j] as number) - max) / sum - (j === label ? 1 : 0);
    for (let k = depth - 1; k >= 0; k--) {
      const w = W[k] as Float64Array;
      const gw = grads[k] as Float64Array;
      const gb = grads[depth + k] as Float64Array;
      const input = acts[k] as Float64Array;
      const delta = deltas[k + 1] as Float64Array;
      const below = deltas[k] as Float64Array;
      const n = fanIn(k);
      below.fill(0);
      for (let j = 0; j < fanOut(k); j++) {
        const d = delta[j] as number;
        if (d === 0) continue;
        gb[j] = (gb[j] as number) + d;
        for (let i = 0; i < n; i++) {
          gw[j * n + i] = (gw[j * n + i] as number) + d * (input[i] as number);
          below[i] = (below[i] as number) + d * (w[j * n + i] as number);
        }
      }
      if (k > 0) for (let i = 0; i < n; i++) if ((input[i] as number) <= 0) below[i] = 0;
    }
    return Math.log(sum) + max - (logits[label] as number);
  }

  const model: FloatMlp = {
    layers: W.map((w, k) => ({
      weights: Array.from({ length: fanOut(k) }, (_, j) =>
        Array.from({ length: fanIn(k) }, (_, i) => Math.fround(w[j * fanIn(k) + i] as number)),
      ),
      bias: Array.from(b[k] as Float64Array, (v) => Math.fround(v)),
      relu: k < depth - 1,
    })),
  };
  return { model, losses };
}
