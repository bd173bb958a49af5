import { describe, expect, it } from "vitest";
import { loadModel } from "./loadModel.ts";
import { modelRegistrationRecord } from "./modelRegistrationRecord.ts";

describe("modelRegistrationRecord", () => {
  it("registers risk-v1 with its weight commitment, output count, int64 ONNX hash and a versioned uri", async () => {
    const { manifest } = await loadModel({ name: "risk-v1" });
    const record = modelRegistrationRecord({ manifest });
    expect(record).toEqual({
      commitment: BigInt(manifest.commitments.model),
      numOutputs: 3,
      onnxHash: `0x${manifest.files.int64Onnx.sha256}`,
      uri: `convergence:model/risk-v1@${manifest.version}`,
    });
    expect(record.onnxHash).toMatch(/^0x[0-9a-f]{64}$/);
  });
});
