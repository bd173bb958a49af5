/**
 * Rebuilds the reference model risk-v1 into packages/models/assets/risk-v1/ (model.onnx,
 * manifest.json and the uncommitted model.int64.onnx). The result is byte-identical to the
 * committed files unless the training code or data generator changed.
 *
 *   pnpm --filter @convergence/models build-reference
 */
import { buildReferenceModel, sha256 } from "../src/index.ts";

const { accuracy, directory, floatOnnx, int64Onnx, manifest } = await buildReferenceModel({ write: true });
const percent = (v: number) => `${(v * 100).toFixed(2)}%`;
process.stdout.write(
  [
    `risk-v1 written to ${directory}`,
    `  accuracy: train ${percent(accuracy.train)}, held-out ${percent(accuracy.heldOut)} (float), ${percent(accuracy.quantizedHeldOut)} (fixed point, scale ${manifest.scale})`,
    `  model.onnx        sha256 ${sha256({ bytes: floatOnnx })}`,
    `  model.int64.onnx  sha256 ${sha256({ bytes: int64Onnx })}`,
    `  model commitment  ${manifest.commitments.model}`,
    "",
  ].join("\n"),
);
