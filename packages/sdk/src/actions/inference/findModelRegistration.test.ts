import { randomBytes } from "node:crypto";
import { type Hex, keccak256, toHex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { findModelRegistration } from "./findModelRegistration.ts";
import { setupInferenceMarket } from "./inferenceTestKit.ts";
import { registerModel } from "./registerModel.ts";
import { retireModel } from "./retireModel.ts";

describe("findModelRegistration", () => {
  let market: Awaited<ReturnType<typeof setupInferenceMarket>>;
  // A key no other test registers, so the chain's other registrations cannot match.
  const vkeyHash = `0x${randomBytes(32).toString("hex")}` as Hex;
  beforeAll(async () => {
    market = await setupInferenceMarket();
  });
  const find = (commitment?: bigint, key: Hex = vkeyHash) =>
    findModelRegistration({
      client: market.publicClient,
      registry: market.contracts.ModelRegistry,
      fromBlock: 0n,
      vkeyHash: key,
      ...(commitment === undefined ? {} : { commitment }),
    });
  const register = (commitment: bigint) =>
    registerModel({
      client: market.modelOwner,
      registry: market.contracts.ModelRegistry,
      commitment,
      verifier: market.verifier,
      numOutputs: 2,
      circuitId: keccak256(toHex("mlp_4_8_2")),
      vkeyHash,
      onnxHash: keccak256(toHex(`onnx ${commitment}`)),
      uri: `convergence:model/find-test@${commitment}`,
    });

  it("finds nothing for a key that was never registered", async () => {
    expect(await find()).toBeUndefined();
    expect(await find(market.modelCommitment)).toBeUndefined();
  });

  it("finds the latest active registration by key, and by key and commitment; skips retired ones", async () => {
    const first = await register(1001n);
    expect(await find(1001n)).toEqual({
      modelId: first.modelId,
      verifier: market.verifier,
      owner: market.modelOwner.account.address,
      commitment: 1001n,
      vkeyHash,
      circuitId: keccak256(toHex("mlp_4_8_2")),
    });
    expect(await find(1002n)).toBeUndefined();

    const second = await register(1002n);
    expect((await find())?.modelId).toBe(second.modelId);
    expect((await find(1001n))?.modelId).toBe(first.modelId);
    // The same commitment under another machine's key is a different registration.
    expect(await find(1001n, keccak256(toHex("another machine")))).toBeUndefined();

    await retireModel({ client: market.modelOwner, registry: market.contracts.ModelRegistry, modelId: second.modelId });
    expect(await find(1002n)).toBeUndefined();
    expect((await find())?.modelId).toBe(first.modelId);
  });

  it("filters by owner when given: another account's registration under the same key is not this account's", async () => {
    const owner = market.modelOwner.account.address;
    const byOwner = await findModelRegistration({
      client: market.publicClient,
      registry: market.contracts.ModelRegistry,
      fromBlock: 0n,
      vkeyHash,
      commitment: 1001n,
      owner,
    });
    expect(byOwner?.owner).toBe(owner);
    expect(
      await findModelRegistration({
        client: market.publicClient,
        registry: market.contracts.ModelRegistry,
        fromBlock: 0n,
        vkeyHash,
        owner: market.requester.account.address,
      }),
    ).toBeUndefined();
  });

  it("searches from the given block only", async () => {
    const latest = await market.publicClient.getBlockNumber();
    expect(
      await findModelRegistration({
        client: market.publicClient,
        registry: market.contracts.ModelRegistry,
        fromBlock: latest + 1n,
        vkeyHash,
      }),
    ).toBeUndefined();
  });
});
