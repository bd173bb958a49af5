/**
 * Step 6: the model, quantized, and exactness.
 *
 * risk-v1 is a small MLP (8 inputs, 16 hidden ReLU units, 3 outputs: low / medium / high risk of a WETH/USDC trade).
 * A zero-knowledge circuit computes over integers, so the float model is quantized: every weight and input becomes
 * round(v * 2^S) (S = the manifest's scale), every product is rescaled by a floor division by 2^S. Three
 * implementations of that integer model must agree bit for bit, or a proof would attest something the worker did not
 * compute: the int64 ONNX model (what the worker runs in onnxruntime-node), the TypeScript reference `forward`, and the
 * circuit (step 7). Here the first two are compared on random inputs, and the float model shows the quantization cost.
 */
import { createPrng, floatForward, loadModel, runOnnx } from "@convergence/models";
import { forward, quantizeValue } from "@convergence/zk";
import { nextStep } from "./lib/nextStep.ts";

const { manifest, float, quantized, int64Onnx } = await loadModel({ name: "risk-v1" });
process.stdout.write(
  `${manifest.name} v${manifest.version}: shape ${manifest.shape.join("-")}, scale 2^${manifest.scale}, labels ${manifest.labels.join("/")}\n`,
);
process.stdout.write(`Weight commitment (Poseidon over the quantized weights): ${manifest.commitments.model}\n`);

const prng = createPrng({ seed: 6 });
const trials = 200;
let exact = 0;
let sameLabel = 0;
for (let t = 0; t < trials; t += 1) {
  const real = Array.from({ length: manifest.shape[0]! }, () => prng.normal() * 1.5);
  const input = real.map((value) => quantizeValue({ value, scale: manifest.scale }));
  const reference = forward({ model: quantized, input }).output;
  const { output: onnx } = await runOnnx({ bytes: int64Onnx, input });
  if (reference.every((v, i) => v === onnx[i])) exact += 1;
  const floats = floatForward({ model: float, input: real });
  const argmax = (xs: readonly (number | bigint)[]) => xs.reduce<number>((at, v, i) => (v > xs[at]! ? i : at), 0);
  if (argmax(floats) === argmax(reference)) sameLabel += 1;
}
process.stdout.write(`int64 ONNX == TypeScript reference, bit for bit: ${exact}/${trials} random inputs\n`);
process.stdout.write(`quantized label == float label: ${sameLabel}/${trials}\n`);
if (exact !== trials) throw new Error("the int64 ONNX model and the reference disagree: report this as a bug");
nextStep({ command: "pnpm workshop 7" });
