import { DEVNET_CHAIN_ID, devnetAccounts } from "@convergence/contracts";
import { type Address, isAddress, isAddressEqual } from "viem";
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
import { getModel } from "./getModel.ts";
import type { Model, ModelPin, TrustSetup } from "./types.ts";

export type CheckModelPinParameters = {
  client: ReadClient;
  /** The ModelRegistry (the escrow's modelRegistry()). */
  registry: Address;
  /** The registration to pay for: whoever named it (a worker) is not trusted, the pin is. */
  modelId: bigint;
  /** What the requester trusts the model to be (a published release, or its own setup). */
  pin: ModelPin;
  /** The wallet of the agent the job will be reserved for: a setup whose only contributors are it is refused. */
  worker?: Address;
  /** "attributed" (default): refuse a setup with no contributor, or only the worker's. "any" waives both (unsafe). */
  trustSetup?: TrustSetup;
};
export type CheckModelPinReturnType = Model;

/** How many accounts of the public Hardhat mnemonic are not contributors that count off the devnet (Hardhat's default 20). */
const PUBLIC_DEVNET_ACCOUNTS = 20;

/**
 * Holds a registration against the requester's pin, reading only the chain, and returns it or throws, in this order:
 * ModelRetiredError (the registration is retired: the escrow refuses to open a job naming it), ModelCommitmentMismatchError (other weights), ModelKeyMismatchError (another key hash, or a key whose public signal
 * count is not 3 + numOutputs), VerifierCodeMismatchError (the verifier's runtime code, metadata stripped, is not the
 * one compiled from the pinned key: the check that the verifier implements the key, zero gas), KeyWithoutContributionError
 * (the key never had a phase-2 contribution: anyone can forge; refused in every mode), then, unless `trustSetup` is
 * "any", UnattributedSetupError (no contributor; off the local devnet the public Hardhat accounts do not count) and
 * SetupControlledByWorkerError (every contributor is `worker`). requestInference runs it before anything is paid.
 *
 * @example
 * const model = await checkModelPin({ client, registry, modelId: 1n, pin, worker: workerWallet });
 */
export async function checkModelPin({
  client,
  registry,
  modelId,
  pin,
  worker,
  trustSetup = "attributed",
}: CheckModelPinParameters): Promise<CheckModelPinReturnType> {
  checkPinForm(pin);
  if (trustSetup !== "attributed" && trustSetup !== "any") {
    throw new InvalidParameterError({
      parameter: "trustSetup",
      value: String(trustSetup),
      expected: '"attributed" or "any"',
    });
  }
  const model = await getModel({ client, registry, modelId });
  // Anyone can register (and retire) a copy of the public pin: a retired copy would make openJob revert.
  if (!model.active) throw new ModelRetiredError({ modelId, registry });
  if (model.commitment !== pin.commitment) {
    throw new ModelCommitmentMismatchError({ modelId, expected: pin.commitment, registered: model.commitment });
  }
  // Loaded here: @convergence/zk brings snarkjs, solc and circomlibjs, which the other actions do without.
  const { hashVerificationKey, stripCodeMetadata, verifierRuntimeCode } = await import("@convergence/zk");
  const vkeyHash = hashVerificationKey(pin.verificationKey);
  if (model.vkeyHash.toLowerCase() !== vkeyHash) {
    throw new ModelKeyMismatchError({ modelId, expected: vkeyHash, registered: model.vkeyHash });
  }
  if (pin.verificationKey.nPublic !== 3 + model.numOutputs) {
    throw new ModelKeyMismatchError({ modelId, nPublic: pin.verificationKey.nPublic, numOutputs: model.numOutputs });
  }
  // A key straight from `zkey new` (delta still gamma) lets anyone forge: refused in every trustSetup mode.
  if (JSON.stringify(pin.verificationKey.vk_delta_2) === JSON.stringify(pin.verificationKey.vk_gamma_2)) {
    throw new KeyWithoutContributionError({ modelId });
  }
  const [code, expected] = await Promise.all([
    client.getCode({ address: model.verifier }),
    verifierRuntimeCode({ verificationKey: pin.verificationKey }),
  ]);
  if (code === undefined || stripCodeMetadata(code) !== expected) {
    throw new VerifierCodeMismatchError({ modelId, verifier: model.verifier });
  }
  if (trustSetup === "attributed") {
    // Off the local devnet the public Hardhat accounts vouch for nothing: anyone can sign as them.
    const chainId = await client.getChainId();
    const publicKeys = chainId === DEVNET_CHAIN_ID ? [] : devnetAccounts({ count: PUBLIC_DEVNET_ACCOUNTS });
    const isPublic = (address: Address) => publicKeys.some((account) => isAddressEqual(account.address, address));
    const contributors = pin.contributors.filter((contributor) => !isPublic(contributor as Address));
    if (contributors.length === 0) {
      throw new UnattributedSetupError({ modelId, ignored: pin.contributors.filter((c) => isPublic(c as Address)) });
    }
    if (worker !== undefined && contributors.every((contributor) => isAddressEqual(contributor as Address, worker))) {
      throw new SetupControlledByWorkerError({ modelId, worker });
    }
  }
  return model;
}

/** A pin is the requester's own data, but often read from a file: its form is checked before the chain is read. */
function checkPinForm(pin: ModelPin): void {
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new InvalidParameterError({ parameter: `pin.${field}`, value, expected });
  };
  if (typeof pin !== "object" || pin === null) fail("", String(pin), "{ commitment, verificationKey, contributors }");
  if (typeof pin.commitment !== "bigint" || pin.commitment < 0n) {
    fail("commitment", String(pin.commitment), "a non-negative bigint (the weight commitment)");
  }
  const vk = pin.verificationKey;
  if (typeof vk !== "object" || vk === null || vk.protocol !== "groth16" || !Number.isSafeInteger(vk.nPublic)) {
    fail("verificationKey", JSON.stringify(vk)?.slice(0, 60), "a Groth16 verification key as snarkjs exports it");
  }
  if (
    !Array.isArray(pin.contributors) ||
    !pin.contributors.every((a) => typeof a === "string" && isAddress(a, { strict: false }))
  ) {
    fail("contributors", JSON.stringify(pin.contributors)?.slice(0, 120), "a list of addresses (possibly empty)");
  }
}
