import { readFile } from "node:fs/promises";
import { MAX_SCALE, MIN_SCALE } from "@convergence/zk";
import { InvalidManifestError } from "../errors/manifest.ts";
import type { ModelManifest } from "./types.ts";

export type ReadManifestParameters = { path: string };
export type ReadManifestReturnType = ModelManifest;

/**
 * Reads and validates a model's `manifest.json`.
 *
 * @example
 * const manifest = await readManifest({ path: ".convergence/models/my-mlp/manifest.json" })
 */
export async function readManifest({ path }: ReadManifestParameters): Promise<ReadManifestReturnType> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (cause) {
    throw new InvalidManifestError({ path, problem: cause instanceof Error ? cause.message : String(cause) });
  }
  const fail = (problem: string): never => {
    throw new InvalidManifestError({ path, problem });
  };
  if (typeof parsed !== "object" || parsed === null) fail("expected a JSON object");
  const m = parsed as Record<string, unknown>;
  if (typeof m.name !== "string" || m.name === "") fail("name must be a non-empty string");
  if (typeof m.version !== "string") fail("version must be a string");
  const shape = m.shape;
  if (!Array.isArray(shape) || shape.length < 2 || shape.some((w) => !Number.isInteger(w) || w < 1)) {
    fail("shape must list two or more positive integer widths");
  }
  const scale = m.scale;
  if (typeof scale !== "number" || !Number.isInteger(scale) || scale < MIN_SCALE || scale > MAX_SCALE) {
    fail(`scale must be an integer in [${MIN_SCALE}, ${MAX_SCALE}]`);
  }
  const labels = m.labels;
  if (
    !Array.isArray(labels) ||
    labels.length !== (shape as number[]).at(-1) ||
    labels.some((l) => typeof l !== "string")
  ) {
    fail("labels must hold one string per output");
  }
  const commitments = m.commitments as Record<string, unknown> | undefined;
  if (typeof commitments?.model !== "string" || !/^\d+$/.test(commitments.model)) {
    fail("commitments.model must be a decimal string");
  }
  const files = m.files as Record<string, Record<string, unknown> | undefined> | undefined;
  for (const key of ["floatOnnx", "int64Onnx"]) {
    const file = files?.[key];
    if (typeof file?.path !== "string" || file.path.includes("..") || file.path.startsWith("/") || file.path === "") {
      fail(`files.${key}.path must be a file name inside the model's directory`);
    }
    if (typeof file?.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(file.sha256)) {
      fail(`files.${key}.sha256 must be 64 lowercase hex digits`);
    }
  }
  const quantization = m.quantization as Record<string, unknown> | undefined;
  if (quantization?.scale !== scale) fail("quantization.scale must equal scale");
  if (m.keys !== undefined) {
    const keys = m.keys as Record<string, unknown> | null;
    if (typeof keys?.zkeySha256 !== "string" || !/^[0-9a-f]{64}$/.test(keys.zkeySha256)) {
      fail("keys.zkeySha256 must be 64 lowercase hex digits");
    }
    if (typeof keys?.vkeyHash !== "string" || !/^0x[0-9a-f]{64}$/.test(keys.vkeyHash)) {
      fail("keys.vkeyHash must be 0x and 64 lowercase hex digits");
    }
  }
  return parsed as ModelManifest;
}
