/**
 * Step 11: swap in your own model.
 *
 * Any float MLP exported to ONNX (Gemm or MatMul+Add, Relu: what `torch.onnx.export` writes for nn.Linear/nn.ReLU) can
 * be imported: `importModel` reads it, quantizes it (choosing the scale, measuring the loss on sample inputs), writes
 * the int64 ONNX model and a manifest with the Poseidon weight commitment into $CONVERGENCE_HOME/models/<name>. Here
 * "your model" is risk-v1's float weights nudged by small random amounts, standing in for a model you retrained.
 *
 * The circuit depends only on the shape (8-16-3) and the scale, not on the weights: the weights are private inputs,
 * pinned by the public weight commitment. So your model reuses step 7's circuit and keys (no new trusted setup); only
 * its new commitment needs registering. Serve it with `WORKER_MODELS=risk-v1,myrisk-v1 pnpm worker`: the worker
 * registers it on-chain on start. docs/guides/swap-in-your-model.md goes further (other shapes, labels, features).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildFloatOnnx, createPrng, importModel, loadModel } from "@convergence/models";
import { compileCircuit, modelShape, prove, quantizeValue, terminateCurve } from "@convergence/zk";
import { nextStep } from "./lib/nextStep.ts";

const reference = await loadModel({ name: "risk-v1" });
const prng = createPrng({ seed: 11 });
const mine = {
  layers: reference.float.layers.map((layer) => ({
    ...layer,
    weights: layer.weights.map((row) => row.map((w) => w + prng.normal() * 0.05)),
    bias: layer.bias.map((b) => b + prng.normal() * 0.05),
  })),
};
const path = join(mkdtempSync(join(tmpdir(), "convergence-workshop-model-")), "myrisk.onnx");
writeFileSync(path, buildFloatOnnx({ model: mine }));
const imported = await importModel({ path, name: "myrisk-v1", labels: reference.manifest.labels, force: true });
process.stdout.write(
  [
    `Imported ${path} as myrisk-v1 into ${imported.directory}: shape ${imported.manifest.shape.join("-")}, scale 2^${imported.manifest.scale}.`,
    `  risk-v1   commitment ${reference.manifest.commitments.model}`,
    `  myrisk-v1 commitment ${imported.manifest.commitments.model}`,
  ].join("\n"),
);
const [a, b] = await Promise.all([
  compileCircuit({ shape: modelShape({ model: reference.quantized }) }),
  compileCircuit({ shape: modelShape({ model: imported.quantized }) }),
]);
process.stdout.write(
  `\nCircuit for risk-v1: ${a.name}; for myrisk-v1: ${b.name} (${a.name === b.name ? "the same: no new setup" : "a new shape: a new setup"}).\n`,
);
const input = [0.5, -1.2, 0.3, 0, 0.1, 0, 1, -0.5].map((value) =>
  quantizeValue({ value, scale: imported.manifest.scale }),
);
const proof = await prove({ model: imported.quantized, input, setupIfMissing: true });
await terminateCurve();
process.stdout.write(
  `Proved myrisk-v1 in ${proof.proveMs.toFixed(0)} ms: outputs ${proof.output.join(", ")}; the proof's modelCommitment is ${proof.modelCommitment === BigInt(imported.manifest.commitments.model) ? "myrisk-v1's" : "WRONG"}.\n`,
);
nextStep({
  command: "pnpm workshop 12",
  note: "On a chain, one command does all of this and registers the model: pnpm convergence model add <file.onnx> --name <name>.\nNext, bring a circuit of your own, not an MLP:",
});
