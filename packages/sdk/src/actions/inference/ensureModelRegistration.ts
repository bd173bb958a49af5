import type { Abi, Address, Hex } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { ModelNotRegisteredError } from "../../errors/inference.ts";
import { deployVerifier } from "./deployVerifier.ts";
import { findModelRegistration } from "./findModelRegistration.ts";
import { registerModel } from "./registerModel.ts";

export type EnsureModelRegistrationParameters = {
  /** Deploys and registers from its account; reads the registry through it too. */
  client: WriteClient;
  registry: Address;
  /** Where to search for earlier registrations: the deployment's start block. */
  fromBlock: bigint;
  /** Poseidon commitment of the weights (or a circuit package's parameters). */
  commitment: bigint;
  /** What this machine's setup registers as: `setupRegistration` in @convergence/zk makes it. */
  setup: ModelRegistrationSetup;
  /** What a new registration carries besides commitment, verifier, vkeyHash and circuitId. */
  numOutputs: number;
  onnxHash: Hex;
  uri: string;
  /**
   * Answer an existing registration of these weights and key owned by another account (a worker serving what `model
   * add` registered with the deployer) when its verifier's on-chain code is this key's compiled verifier
   * (`deployedBytecode`, compared without solc's metadata trailer): anyone can register any vkeyHash with any
   * verifier address, so the key hash alone proves nothing. Default false: only the account's own registrations.
   */
  anyOwner?: boolean;
  /**
   * Register when no registration can be answered (default true). False: only look, and throw
   * ModelNotRegisteredError when there is none (a worker started with WORKER_AUTO_REGISTER=false).
   */
  register?: boolean;
  /** Told before compiling the verifier and before each transaction, for progress lines. */
  onStep?: (step: "compile-verifier" | "deploy-verifier" | "register") => void;
};

/** A setup as the registry records it: `setupRegistration` in @convergence/zk owns how each field is made. */
export type ModelRegistrationSetup = {
  /** sha256 of this machine's verification key (phase 2 is random per machine). */
  vkeyHash: Hex;
  circuitId: Hex;
  /**
   * This key's compiled Groth16 verifier. Called only when a verifier has to be deployed (no active registration of
   * the client's account carries this vkeyHash) or another account's verifier has to be recognised (`anyOwner`).
   */
  compileVerifier: () => Promise<{ abi: Abi; bytecode: Hex; deployedBytecode?: Hex; contractName: string }>;
};

export type EnsureModelRegistrationReturnType = {
  modelId: bigint;
  /**
   * "registration": the verifier of the existing registration that was answered; "reused": the verifier of another
   * registration of the client's account under the same key (retrained weights of a known shape); "deployed": new.
   */
  verifier: { address: Address; source: "registration" | "reused" | "deployed"; contractName?: string };
  /** False when an active registration of the same commitment and key already existed: it is answered as is. */
  registered: boolean;
};

/**
 * The ModelRegistry id of these weights under this verification key, registering them when needed: an active
 * registration with the same commitment and vkeyHash is answered as is; otherwise the weights are registered with the
 * verifier of one of the account's own registrations under the same key (the verifier depends only on the key, so
 * retrained weights of a known shape cost one transaction), or with a newly deployed verifier. Verifiers are reused
 * only from the account's own registrations: anyone can register a vkeyHash with an arbitrary verifier address.
 *
 * @example
 * const { modelId } = await ensureModelRegistration({
 *   client, registry, fromBlock, commitment, numOutputs: 3, onnxHash, uri,
 *   setup: await setupRegistration({ setup, name: "my-mlp" }), // @convergence/zk
 * });
 */
export async function ensureModelRegistration({
  client,
  registry,
  fromBlock,
  commitment,
  setup,
  numOutputs,
  onnxHash,
  uri,
  anyOwner = false,
  register = true,
  onStep,
}: EnsureModelRegistrationParameters): Promise<EnsureModelRegistrationReturnType> {
  const { vkeyHash, circuitId } = setup;
  const owner = client.account.address;
  const search = { client, registry, fromBlock, vkeyHash };
  let found = await findModelRegistration({ ...search, commitment, ...(anyOwner ? {} : { owner }) });
  if (found && found.owner.toLowerCase() !== owner.toLowerCase()) {
    onStep?.("compile-verifier");
    const { deployedBytecode } = await setup.compileVerifier();
    const code = await client.getCode({ address: found.verifier });
    // Loaded here: @convergence/zk brings snarkjs and solc. Its metadata rule is the one requesters apply (checkModelPin).
    const { stripCodeMetadata } = await import("@convergence/zk");
    const genuine =
      deployedBytecode !== undefined &&
      code !== undefined &&
      stripCodeMetadata(code) === stripCodeMetadata(deployedBytecode);
    if (!genuine) found = await findModelRegistration({ ...search, commitment, owner });
  }
  if (found) {
    return { modelId: found.modelId, verifier: { address: found.verifier, source: "registration" }, registered: false };
  }
  if (!register) throw new ModelNotRegisteredError({ commitment, vkeyHash, registry });

  let verifier: EnsureModelRegistrationReturnType["verifier"];
  const sameKey = await findModelRegistration({ ...search, owner });
  if (sameKey) {
    verifier = { address: sameKey.verifier, source: "reused" };
  } else {
    onStep?.("compile-verifier");
    const { abi, bytecode, contractName } = await setup.compileVerifier();
    onStep?.("deploy-verifier");
    const { address } = await deployVerifier({ client, abi, bytecode, contractName });
    verifier = { address, source: "deployed", contractName };
  }
  onStep?.("register");
  const { modelId } = await registerModel({
    client,
    registry,
    commitment,
    verifier: verifier.address,
    numOutputs,
    circuitId,
    vkeyHash,
    onnxHash,
    uri,
  });
  return { modelId, verifier, registered: true };
}
