import { devnetAccounts, modelRegistryAbi } from "@convergence/contracts";
import { deployStack, type StartNodeReturnType, startNode } from "@convergence/devnet";
import {
  createClients,
  deployVerifier,
  type ReadClient,
  registerModel,
  retireModel,
  type WriteClient,
} from "@convergence/sdk";
import { type SetupCircuitReturnType, setupRegistration, stripCodeMetadata } from "@convergence/zk";
import type { Address, Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureModelRegistered } from "../bootstrap/ensureModelRegistered.ts";
import { ensureZkSetup } from "../bootstrap/ensureZkSetup.ts";
import { ModelNotRegisteredError } from "../errors/bootstrap.ts";
import { loadServedModels } from "../inference/loadServedModels.ts";
import type { Served } from "../inference/types.ts";
import { createLogger, type Logger } from "../log/createLogger.ts";
import type { ServedKey } from "./checkRegistration.ts";
import { createModelResolver } from "./createModelResolver.ts";

/**
 * The serving rules against a real ModelRegistry on a Hardhat node, with risk-v1's verifier compiled from the key in
 * the zk cache and deployed: who may own a served registration, which key it must name, which code its verifier must
 * run, and that retiring does not stop a job already opened. Registrations are made the way an attacker would: the
 * honest commitment with someone else's owner, key hash or verifier.
 */
describe("createModelResolver: serves only its publishers' registrations of its own key", () => {
  let node: StartNodeReturnType;
  let publicClient: ReadClient;
  let wallets: WriteClient[];
  let registry: Address;
  let usdc: Address;
  let fromBlock: bigint;
  let model: Served;
  let key: ServedKey;
  let honestVerifier: Address;
  let circuitId: Hex;
  let setup: SetupCircuitReturnType;
  const accounts = devnetAccounts({ count: 6 });
  const worker = accounts[2]!.address;
  const publisher = accounts[3]!.address;
  const stranger = 5;
  const publishers = [worker, publisher];

  /** A logger double that keeps the warnings, to count how often a refusal is logged. */
  const logger = () => {
    const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
    const log: Logger = {
      debug: () => {},
      info: () => {},
      warn: (message, fields) => warnings.push({ message, ...(fields ? { fields } : {}) }),
      error: () => {},
    };
    return { log, warnings };
  };

  const register = async (
    from: number,
    overrides: { verifier?: Address; vkeyHash?: Hex; commitment?: bigint } = {},
  ): Promise<bigint> => {
    const { modelId } = await registerModel({
      client: wallets[from]!,
      registry,
      commitment: overrides.commitment ?? model.commitment,
      verifier: overrides.verifier ?? honestVerifier,
      numOutputs: 3,
      circuitId,
      vkeyHash: overrides.vkeyHash ?? key.vkeyHash,
      onnxHash: `0x${"11".repeat(32)}`,
      uri: "test",
    });
    return modelId;
  };

  const resolver = (log: Logger, known = new Map<bigint, string>()) =>
    createModelResolver({
      client: publicClient,
      registry,
      served: new Map([[model.name, { model, ...key }]]),
      publishers,
      known,
      log,
    });

  beforeAll(async () => {
    node = await startNode({ port: 0 });
    wallets = accounts.map((account) => createClients({ rpcUrl: node.url, chainId: 31337, account }).walletClient!);
    publicClient = createClients({ rpcUrl: node.url, chainId: 31337 }).publicClient;
    const deployment = await deployStack({ client: wallets[0]!, fund: accounts.map((a) => a.address) });
    registry = deployment.contracts.ModelRegistry;
    usdc = deployment.contracts.USDC;
    fromBlock = BigInt(deployment.startBlock);

    model = (
      await loadServedModels({ names: ["risk-v1"], home: (await import("@convergence/paths")).convergenceHome() })
    ).get("risk-v1")!;
    // The worker's own path to its key: risk-v1's published key, installed on a fresh clone's first run.
    setup = await ensureZkSetup({ model, log: createLogger({ level: "silent" }) });
    const registration = await setupRegistration({ setup, name: "risk-v1" });
    const compiled = await registration.compileVerifier();
    circuitId = registration.circuitId;
    key = { vkeyHash: registration.vkeyHash, verifierCode: async () => stripCodeMetadata(compiled.deployedBytecode) };
    ({ address: honestVerifier } = await deployVerifier({
      client: wallets[3]!,
      abi: compiled.abi,
      bytecode: compiled.bytecode,
      contractName: compiled.contractName,
    }));
  }, 120_000);
  afterAll(async () => {
    await node?.stop();
  });

  it("serves the publisher's registration of the served commitment, key and verifier", async () => {
    const modelId = await register(3);
    const { log, warnings } = logger();
    const models = resolver(log);
    expect((await models.modelFor(modelId))?.name).toBe("risk-v1");
    expect(models.idsByName().get("risk-v1")).toBe(modelId);
    expect(warnings).toEqual([]);
  });

  it("never serves a stranger's duplicate of the same commitment, key and verifier, and logs why once", async () => {
    const modelId = await register(stranger);
    const { log, warnings } = logger();
    const models = resolver(log);
    const answers = await Promise.all([models.modelFor(modelId), models.modelFor(modelId), models.modelFor(modelId)]);
    expect(answers).toEqual([undefined, undefined, undefined]);
    expect(await models.modelFor(modelId)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.fields).toMatchObject({ modelId, owner: accounts[stranger]!.address });
    expect(String(warnings[0]!.fields!.reason)).toContain("is not one of this worker's publishers");
    expect(models.idsByName().has("risk-v1")).toBe(false);
  });

  it("never serves a publisher's registration naming another verification key", async () => {
    const modelId = await register(3, { vkeyHash: `0x${"ab".repeat(32)}` });
    const { log, warnings } = logger();
    expect(await resolver(log).modelFor(modelId)).toBeUndefined();
    expect(String(warnings[0]!.fields!.reason)).toContain(`is not this worker's verification key's (${key.vkeyHash})`);
  });

  it("never serves a registration whose verifier is not the one compiled from this key (the key hash is only a label)", async () => {
    // Any contract will do for the attack: here the USDC, which answers nothing like a Groth16 verifier.
    const modelId = await register(3, { verifier: usdc });
    const { log, warnings } = logger();
    expect(await resolver(log).modelFor(modelId)).toBeUndefined();
    expect(String(warnings[0]!.fields!.reason)).toContain(`its verifier ${usdc} is not the verifier compiled from`);
  });

  it("still serves a registration retired after its job opened: the escrow refuses new jobs, not this one", async () => {
    const modelId = await register(3);
    await retireModel({ client: wallets[3]!, registry, modelId });
    const { log, warnings } = logger();
    expect((await resolver(log).modelFor(modelId))?.name).toBe("risk-v1");
    expect(warnings).toEqual([]);
  });

  it("answers another model's commitment and an unknown id with undefined, caching only the former", async () => {
    const other = await register(3, { commitment: model.commitment + 1n });
    const { log, warnings } = logger();
    const models = resolver(log);
    expect(await models.modelFor(other)).toBeUndefined();
    expect(warnings).toEqual([]);
    // An id registered after the first look is served once it exists.
    const count = await publicClient.readContract({
      address: registry,
      abi: modelRegistryAbi,
      functionName: "modelCount",
    });
    const next = count + 1n;
    expect(await models.modelFor(next)).toBeUndefined();
    expect(await register(3)).toBe(next);
    expect((await models.modelFor(next))?.name).toBe("risk-v1");
  });

  describe("ensureModelRegistered at startup", () => {
    const ensure = (register: boolean, log: Logger) =>
      ensureModelRegistered({
        client: wallets[2]!,
        registry,
        fromBlock,
        model,
        setup,
        publishers,
        register,
        log,
      });

    it("answers the latest served publisher registration, skipping a stranger's newer duplicate", async () => {
      const served = await register(3);
      await register(stranger);
      const { log } = logger();
      const found = await ensure(false, log);
      expect(found).toMatchObject({
        modelId: served,
        verifier: honestVerifier,
        registered: false,
        vkeyHash: key.vkeyHash,
      });
    });

    it("with only strangers' registrations and WORKER_AUTO_REGISTER off, refuses to start, naming the publishers", async () => {
      const { log } = logger();
      const error = await ensureModelRegistered({
        client: wallets[2]!,
        registry,
        fromBlock,
        model,
        setup,
        publishers: [worker],
        register: false,
        log,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelNotRegisteredError);
      expect((error as Error).message).toContain(`owned by a publisher: ${worker}`);
      expect((error as Error).message).toContain("WORKER_AUTO_REGISTER is false");
    });
  });
});
