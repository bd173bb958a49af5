import { keccak256, toHex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { ModelNotFoundError } from "../../errors/inference.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { getModel } from "./getModel.ts";
import { setupInferenceMarket } from "./inferenceTestKit.ts";
import { registerModel } from "./registerModel.ts";
import { retireModel } from "./retireModel.ts";

describe("models: registerModel, getModel, retireModel", () => {
  let market: Awaited<ReturnType<typeof setupInferenceMarket>>;
  beforeAll(async () => {
    market = await setupInferenceMarket();
  });
  const params = () => ({
    client: market.modelOwner,
    registry: market.contracts.ModelRegistry,
    commitment: 42n,
    verifier: market.verifier,
    numOutputs: 3,
    circuitId: keccak256(toHex("mlp-8-16-3")),
    vkeyHash: keccak256(toHex("vkey")),
    onnxHash: keccak256(toHex("onnx")),
    uri: "file:retrained.json",
  });

  it("registers retrained weights as a new model on the same verifier, then retires the old one", async () => {
    const { modelId } = await registerModel(params());
    expect(modelId).toBe(market.modelId + 1n);
    const model = await getModel({ client: market.publicClient, registry: market.contracts.ModelRegistry, modelId });
    expect(model).toEqual({
      modelId,
      commitment: 42n,
      verifier: market.verifier,
      numOutputs: 3,
      active: true,
      owner: market.modelOwner.account.address,
      circuitId: keccak256(toHex("mlp-8-16-3")),
      vkeyHash: keccak256(toHex("vkey")),
      onnxHash: keccak256(toHex("onnx")),
      uri: "file:retrained.json",
    });
    await retireModel({ client: market.modelOwner, registry: market.contracts.ModelRegistry, modelId });
    const retired = await getModel({ client: market.publicClient, registry: market.contracts.ModelRegistry, modelId });
    expect(retired.active).toBe(false);
    await expect(
      retireModel({ client: market.modelOwner, registry: market.contracts.ModelRegistry, modelId }),
    ).rejects.toMatchObject({ errorName: "ModelRegistryModelRetired" });
  });

  it("names the contract's reason for a verifier without code and for a stranger retiring a model", async () => {
    await expect(registerModel({ ...params(), verifier: market.requester.account.address })).rejects.toMatchObject({
      name: "ContractRevertError",
      errorName: "ModelRegistryVerifierNotContract",
    });
    await expect(
      retireModel({ client: market.requester, registry: market.contracts.ModelRegistry, modelId: market.modelId }),
    ).rejects.toMatchObject({ errorName: "ModelRegistryNotModelOwner" });
  });

  it("refuses malformed parameters before sending anything", async () => {
    await expect(registerModel({ ...params(), numOutputs: 0 })).rejects.toBeInstanceOf(InvalidParameterError);
    await expect(registerModel({ ...params(), circuitId: "0x1234" })).rejects.toThrow(/circuitId.*32 bytes/);
  });

  it("throws ModelNotFoundError for an unknown model", async () => {
    await expect(
      getModel({ client: market.publicClient, registry: market.contracts.ModelRegistry, modelId: 999n }),
    ).rejects.toBeInstanceOf(ModelNotFoundError);
  });
});
