import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { devnetAccounts, modelRegistryAbi } from "@convergence/contracts";
import { workspaceRoot } from "@convergence/paths";
import { type Abi, type Hex, keccak256, toHex } from "viem";
import { describe, expect, it, vi } from "vitest";
import { testContext } from "../../../test/context.ts";
import { createClients } from "../../client/createClients.ts";
import type { WriteClient } from "../../client/types.ts";
import { ModelNotRegisteredError } from "../../errors/inference.ts";
import { ensureModelRegistration } from "./ensureModelRegistration.ts";
import { getModel } from "./getModel.ts";
import { registerModel } from "./registerModel.ts";

const artifact = JSON.parse(
  readFileSync(
    join(workspaceRoot(), "artifacts", "contracts", "test", "Groth16VerifierMock.sol", "Groth16VerifierMock.json"),
    "utf8",
  ),
) as { abi: Abi; bytecode: Hex; deployedBytecode: Hex };

describe("ensureModelRegistration", () => {
  const { rpcUrl, publicClient, deployment } = testContext();
  const registry = deployment.contracts.ModelRegistry;
  // Accounts 14 and 15 of the devnet mnemonic (funded with ETH by the node): no other SDK test sends from them.
  const accounts = devnetAccounts({ count: 16 });
  const [researcher, other] = [14, 15].map(
    (index) => createClients({ rpcUrl, chainId: 31337, account: accounts[index]! }).walletClient!,
  ) as [WriteClient, WriteClient];
  // A key no other test registers, so the chain's other registrations cannot match.
  const vkeyHash = `0x${randomBytes(32).toString("hex")}` as Hex;
  const modelCount = () =>
    publicClient.readContract({ address: registry, abi: modelRegistryAbi, functionName: "modelCount" });
  const ensure = (client: WriteClient, commitment: bigint, extra: { anyOwner?: boolean; register?: boolean } = {}) => {
    const compileVerifier = vi.fn(async () => ({ ...artifact, contractName: "Groth16VerifierMock" }));
    const onStep = vi.fn();
    const result = ensureModelRegistration({
      client,
      registry,
      fromBlock: 0n,
      commitment,
      setup: { vkeyHash, circuitId: keccak256(toHex("mlp_4_8_2")), compileVerifier },
      numOutputs: 2,
      onnxHash: keccak256(toHex(`onnx ${commitment}`)),
      uri: `convergence:model/ensure-test@${commitment}`,
      onStep,
      ...extra,
    });
    return { result, compileVerifier, onStep };
  };

  it("deploys a verifier and registers; the same weights again answer that registration", async () => {
    const first = ensure(researcher, 2001n);
    const registered = await first.result;
    expect(registered).toMatchObject({ registered: true, verifier: { source: "deployed" } });
    expect(first.compileVerifier).toHaveBeenCalledOnce();
    expect(first.onStep.mock.calls).toEqual([["compile-verifier"], ["deploy-verifier"], ["register"]]);
    expect(await getModel({ client: publicClient, registry, modelId: registered.modelId })).toMatchObject({
      commitment: 2001n,
      verifier: registered.verifier.address,
      vkeyHash,
      numOutputs: 2,
      active: true,
    });
    expect(await publicClient.getCode({ address: registered.verifier.address })).toMatch(/^0x[0-9a-f]{10,}/);

    const count = await modelCount();
    const again = ensure(researcher, 2001n);
    expect(await again.result).toEqual({
      modelId: registered.modelId,
      verifier: { address: registered.verifier.address, source: "registration" },
      registered: false,
    });
    expect(again.compileVerifier).not.toHaveBeenCalled();
    expect(again.onStep).not.toHaveBeenCalled();
    expect(await modelCount()).toBe(count);
  });

  it("registers retrained weights under the same key with the account's verifier, deploying nothing", async () => {
    const first = await ensure(researcher, 2001n).result;
    const retrained = ensure(researcher, 2002n);
    const result = await retrained.result;
    expect(result).toMatchObject({ registered: true, verifier: { address: first.verifier.address, source: "reused" } });
    expect(result.modelId).not.toBe(first.modelId);
    expect(retrained.compileVerifier).not.toHaveBeenCalled();
    expect(retrained.onStep.mock.calls).toEqual([["register"]]);
  });

  it("with anyOwner, answers another account's registration only when its verifier is this key's verifier", async () => {
    const fresh = `0x${randomBytes(32).toString("hex")}` as Hex;
    const register = (client: WriteClient, verifier: Hex) =>
      registerModel({
        client,
        registry,
        commitment: 4001n,
        verifier: verifier as `0x${string}`,
        numOutputs: 2,
        circuitId: keccak256(toHex("mlp_4_8_2")),
        vkeyHash: fresh,
        onnxHash: keccak256(toHex("onnx")),
        uri: "convergence:model/ensure-test@4001",
      });
    const ensureFresh = () =>
      ensureModelRegistration({
        client: researcher,
        registry,
        fromBlock: 0n,
        commitment: 4001n,
        setup: {
          vkeyHash: fresh,
          circuitId: keccak256(toHex("mlp_4_8_2")),
          compileVerifier: async () => ({ ...artifact, contractName: "Groth16VerifierMock" }),
        },
        numOutputs: 2,
        onnxHash: keccak256(toHex("onnx")),
        uri: "convergence:model/ensure-test@4001",
        anyOwner: true,
      });
    // Another account registers these weights and this key with a contract that is not this verifier: not answered.
    const squatted = await register(other, registry);
    const mine = await ensureFresh();
    expect(mine).toMatchObject({ registered: true, verifier: { source: "deployed" } });
    expect(mine.modelId).not.toBe(squatted.modelId);
    // Another account registers them with a deployment of exactly this verifier: answered.
    const genuine = await register(other, mine.verifier.address);
    expect(await ensureFresh()).toMatchObject({ modelId: genuine.modelId, registered: false });
  });

  it("trusts another account's registration only with anyOwner, and never reuses its verifier", async () => {
    const mine = await ensure(researcher, 2001n).result;
    expect(await ensure(other, 2001n, { anyOwner: true }).result).toEqual({ ...mine, registered: false });

    const own = ensure(other, 2001n);
    const result = await own.result;
    expect(result.registered).toBe(true);
    expect(result.verifier.source).toBe("deployed");
    expect(result.verifier.address).not.toBe(mine.verifier.address);
    expect(own.compileVerifier).toHaveBeenCalledOnce();
    expect(await getModel({ client: publicClient, registry, modelId: result.modelId })).toMatchObject({
      owner: other.account.address,
    });
  });

  it("with register: false, answers a registration or throws ModelNotRegisteredError, sending nothing", async () => {
    const mine = await ensure(researcher, 2001n).result;
    expect(await ensure(researcher, 2001n, { register: false }).result).toMatchObject({ modelId: mine.modelId });
    const count = await modelCount();
    const missing = ensure(researcher, 5001n, { register: false });
    await expect(missing.result).rejects.toBeInstanceOf(ModelNotRegisteredError);
    expect(missing.onStep).not.toHaveBeenCalled();
    expect(await modelCount()).toBe(count);
  });

  it("registers nothing when the verifier cannot be compiled", async () => {
    const count = await modelCount();
    const fresh = `0x${randomBytes(32).toString("hex")}` as Hex;
    await expect(
      ensureModelRegistration({
        client: researcher,
        registry,
        fromBlock: 0n,
        commitment: 3001n,
        setup: {
          vkeyHash: fresh,
          circuitId: keccak256(toHex("mlp_4_8_2")),
          compileVerifier: async () => {
            throw new Error("solc: out of memory");
          },
        },
        numOutputs: 2,
        onnxHash: keccak256(toHex("onnx")),
        uri: "convergence:model/ensure-test@3001",
      }),
    ).rejects.toThrow(/solc: out of memory/);
    expect(await modelCount()).toBe(count);
  });
});
