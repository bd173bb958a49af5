import { hashVerificationKey } from "@convergence/zk";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReadClient } from "../../client/types.ts";
import {
  KeyWithoutContributionError,
  ModelCommitmentMismatchError,
  ModelKeyMismatchError,
  ModelRetiredError,
  SetupControlledByWorkerError,
  UnattributedSetupError,
  VerifierCodeMismatchError,
} from "../../errors/inference.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { checkModelPin } from "./checkModelPin.ts";
import { setupInferenceMarket, setupPinnedModel } from "./inferenceTestKit.ts";
import { retireModel } from "./retireModel.ts";
import type { ModelPin } from "./types.ts";

/** The requester's pin check on the SDK's Hardhat node, against an honest registration and tampered ones. */
describe("checkModelPin", () => {
  let market: Awaited<ReturnType<typeof setupInferenceMarket>>;
  let pinned: Awaited<ReturnType<typeof setupPinnedModel>>;
  const check = (overrides: Partial<Parameters<typeof checkModelPin>[0]> = {}) =>
    checkModelPin({
      client: market.publicClient,
      registry: market.contracts.ModelRegistry,
      modelId: pinned.modelId,
      pin: pinned.pin,
      worker: market.worker.account.address,
      ...overrides,
    });

  beforeAll(async () => {
    market = await setupInferenceMarket();
    pinned = await setupPinnedModel({ market });
  });

  it("returns the registration when weights, key and verifier code are the pinned ones", async () => {
    expect(await check()).toMatchObject({
      modelId: pinned.modelId,
      commitment: pinned.commitment,
      verifier: pinned.verifier,
      vkeyHash: pinned.registration.vkeyHash,
      numOutputs: 3,
    });
    // Addresses compare without case; the worker among other contributors is fine.
    const lower = market.modelOwner.account.address.toLowerCase() as `0x${string}`;
    await expect(check({ pin: { ...pinned.pin, contributors: [lower] } })).resolves.toMatchObject({ numOutputs: 3 });
    const both = [market.worker.account.address, lower] as const;
    await expect(check({ pin: { ...pinned.pin, contributors: both } })).resolves.toMatchObject({ numOutputs: 3 });
  });

  it("refuses in order: weights, key, verifier code, then the setup's contributors", async () => {
    // Everything wrong at once names the weights first.
    const wrong: ModelPin = {
      commitment: pinned.commitment + 1n,
      verificationKey: pinned.pin.verificationKey,
      contributors: [],
    };
    await expect(check({ pin: wrong })).rejects.toBeInstanceOf(ModelCommitmentMismatchError);
    const { modelId: acceptAll } = await pinned.registerPinned({ verifier: market.verifier });
    await expect(check({ modelId: acceptAll, pin: { ...pinned.pin, contributors: [] } })).rejects.toBeInstanceOf(
      VerifierCodeMismatchError,
    );
    const { modelId: otherHash } = await pinned.registerPinned({ vkeyHash: `0x${"ab".repeat(32)}` });
    const keyError = await check({ modelId: otherHash }).catch((e: unknown) => e);
    expect(keyError).toBeInstanceOf(ModelKeyMismatchError);
    expect((keyError as Error).message).toMatch(
      /registered with verification key hash 0x(ab){32}, not the pinned key's/,
    );
    await expect(check({ pin: { ...pinned.pin, contributors: [] } })).rejects.toBeInstanceOf(UnattributedSetupError);
    await expect(
      check({ pin: { ...pinned.pin, contributors: [market.worker.account.address, market.worker.account.address] } }),
    ).rejects.toBeInstanceOf(SetupControlledByWorkerError);
  });

  it("refuses a retired registration of the pinned model, naming its id", async () => {
    // A copy that passes every other rule (same weights, key and verifier), then retired by its owner.
    const { modelId } = await pinned.registerPinned();
    await expect(check({ modelId })).resolves.toMatchObject({ modelId, active: true });
    await retireModel({ client: market.modelOwner, registry: market.contracts.ModelRegistry, modelId });
    const error = await check({ modelId, trustSetup: "any" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelRetiredError);
    expect((error as ModelRetiredError).modelId).toBe(modelId);
    expect((error as Error).message).toContain(`Model ${modelId} `);
    expect((error as Error).message).toMatch(/Pick an active registration of the same model/);
  });

  it('waives only the contributor rules with trustSetup "any"', async () => {
    const unattributed = { ...pinned.pin, contributors: [] };
    await expect(check({ pin: unattributed, trustSetup: "any" })).resolves.toMatchObject({ modelId: pinned.modelId });
    const { modelId: acceptAll } = await pinned.registerPinned({ verifier: market.verifier });
    await expect(check({ modelId: acceptAll, pin: unattributed, trustSetup: "any" })).rejects.toBeInstanceOf(
      VerifierCodeMismatchError,
    );
  });

  it('refuses a key that never had a phase-2 contribution (delta = gamma), even with trustSetup "any"', async () => {
    const { verificationKey } = pinned.pin;
    const uncontributed = { ...verificationKey, vk_delta_2: verificationKey.vk_gamma_2 };
    // Registered under the uncontributed key's own hash, so only the contribution rule can refuse it.
    const { modelId } = await pinned.registerPinned({ vkeyHash: hashVerificationKey(uncontributed) });
    const pin = { ...pinned.pin, verificationKey: uncontributed };
    await expect(check({ modelId, pin })).rejects.toBeInstanceOf(KeyWithoutContributionError);
    await expect(check({ modelId, pin, trustSetup: "any" })).rejects.toThrow(/never had a phase-2 contribution/);
  });

  it("off the local devnet, the public Hardhat accounts are not contributors that count", async () => {
    // The same node, read as if it were chain 1337 (a unit-test double of one method).
    const offDevnet = { ...market.publicClient, getChainId: async () => 1337 } as ReadClient;
    const publisher = market.modelOwner.account.address; // a Hardhat devnet account
    const error = await check({ client: offDevnet, pin: { ...pinned.pin, contributors: [publisher] } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnattributedSetupError);
    expect((error as UnattributedSetupError).ignored).toEqual([publisher]);
    expect((error as Error).message).toMatch(/public Hardhat devnet accounts/);
    // A contributor with a key of its own counts there; on the devnet itself the devnet publisher counts.
    const stranger = privateKeyToAccount(generatePrivateKey()).address;
    await expect(
      check({ client: offDevnet, pin: { ...pinned.pin, contributors: [publisher, stranger] } }),
    ).resolves.toMatchObject({ modelId: pinned.modelId });
    await expect(check({ pin: { ...pinned.pin, contributors: [publisher] } })).resolves.toMatchObject({
      modelId: pinned.modelId,
    });
  });

  it("refuses a malformed pin before reading the chain, naming the field", async () => {
    const bad = (pin: unknown) => check({ pin: pin as ModelPin });
    await expect(bad({ ...pinned.pin, contributors: ["0x1234"] })).rejects.toThrow(
      /Invalid pin\.contributors: .*Expected a list of addresses/,
    );
    await expect(bad({ ...pinned.pin, commitment: "12" })).rejects.toThrow(/Invalid pin\.commitment/);
    await expect(bad({ ...pinned.pin, verificationKey: { protocol: "plonk" } })).rejects.toBeInstanceOf(
      InvalidParameterError,
    );
    await expect(check({ trustSetup: "some" as "any" })).rejects.toThrow(/Invalid trustSetup: "some"/);
  });
});
