/**
 * Test-only set-up for the inference action tests (not exported from the package): a Groth16 verifier mock from the
 * Hardhat build (contracts/test/Groth16VerifierMock.sol, which accepts a proof whose a[0] commits to the public
 * signals), a 3-output model registered on it, a worker agent, and a requester funded with devnet USDC; and a model a
 * requester can pin (setupPinnedModel): a real snarkjs verifier and real proofs, for the requester's flow.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { agentRegistryAbi, devnetAccounts, usdcAbi } from "@convergence/contracts";
import { workspaceRoot } from "@convergence/paths";
import { computeBinding, FIELD_MODULUS, type Groth16Calldata, type QuantizedMlp } from "@convergence/zk";
import {
  type Abi,
  type Address,
  encodePacked,
  getAddress,
  type Hex,
  hexToBigInt,
  keccak256,
  parseEventLogs,
} from "viem";
import { inject } from "vitest";
import { createClients } from "../../client/createClients.ts";
import type { WriteClient } from "../../client/types.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import { deployVerifier } from "./deployVerifier.ts";
import { registerModel } from "./registerModel.ts";
import type { ModelPin } from "./types.ts";

type Artifact = { abi: Abi; bytecode: Hex };

/**
 * Deploys the verifier mock, registers a model and a worker agent, and funds the requester. Accounts 10-13 of the
 * devnet mnemonic: the other SDK test files use 0-9.
 *
 * @example
 * const market = await setupInferenceMarket();
 */
export async function setupInferenceMarket() {
  const rpcUrl = inject("rpcUrl");
  const deployment = inject("deployment");
  const accounts = devnetAccounts({ count: 14 });
  const { publicClient } = createClients({ rpcUrl, chainId: 31337 });
  const wallet = (index: number): WriteClient =>
    createClients({ rpcUrl, chainId: 31337, account: accounts[index]! }).walletClient!;
  const [deployer, modelOwner, requester, worker, thief] = [wallet(0), wallet(10), wallet(11), wallet(12), wallet(13)];
  const contracts = deployment.contracts;

  const artifact = JSON.parse(
    readFileSync(
      join(workspaceRoot(), "artifacts", "contracts", "test", "Groth16VerifierMock.sol", "Groth16VerifierMock.json"),
      "utf8",
    ),
  ) as Artifact;
  const deployHash = await modelOwner.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode });
  const { contractAddress } = await publicClient.waitForTransactionReceipt({ hash: deployHash });
  const verifier = getAddress(contractAddress as Address);

  const modelCommitment = hexToBigInt(keccak256(encodePacked(["string"], ["risk-v1 weights"]))) % FIELD_MODULUS;
  const { modelId } = await registerModel({
    client: modelOwner,
    registry: contracts.ModelRegistry,
    commitment: modelCommitment,
    verifier,
    numOutputs: 3,
    circuitId: keccak256(encodePacked(["string"], ["mlp-8-16-3"])),
    vkeyHash: keccak256(encodePacked(["string"], ["vkey"])),
    onnxHash: keccak256(encodePacked(["string"], ["onnx"])),
    uri: "https://models.example/risk-v1.json",
  });

  const registerAgent = async (client: WriteClient) => {
    const { receipt } = await writeContractAndWait({
      client,
      contract: "AgentRegistry",
      address: contracts.AgentRegistry,
      abi: agentRegistryAbi as Abi,
      functionName: "register",
      args: ["https://worker.example/agent.json"],
    });
    return parseEventLogs({ abi: agentRegistryAbi, eventName: "Registered", logs: receipt.logs })[0]!.args.agentId;
  };
  const workerAgentId = await registerAgent(worker);
  const thiefAgentId = await registerAgent(thief);

  await writeContractAndWait({
    client: deployer,
    contract: "USDC",
    address: contracts.USDC,
    abi: usdcAbi as Abi,
    functionName: "mint",
    args: [requester.account.address, 1_000_000_000n],
  });

  /** The public signals a worker proves for `jobId` when it is `who`: [model, input, binding, outputs...]. */
  const signalsFor = (jobId: bigint, who: Address, inputCommitment: bigint, outputs: readonly bigint[]) => {
    const binding = computeBinding({ chainId: 31337, escrow: contracts.InferenceEscrow, jobId, worker: who });
    return [modelCommitment, inputCommitment, binding, ...outputs.map((x) => (x < 0n ? FIELD_MODULUS + x : x))];
  };
  /** A mock proof over exactly these signals, typed as @convergence/zk's prove returns a real one. */
  const proofFor = (signals: readonly bigint[]): Groth16Calldata => {
    const a0 = hexToBigInt(keccak256(encodePacked(["uint256[]"], [signals]))) % FIELD_MODULUS;
    return {
      pA: [a0, 1n],
      pB: [
        [2n, 3n],
        [4n, 5n],
      ],
      pC: [6n, 7n],
      pubSignals: signals,
    };
  };

  return {
    publicClient,
    contracts,
    deployer,
    modelOwner,
    requester,
    worker,
    thief,
    verifier,
    modelId,
    modelCommitment,
    workerAgentId,
    thiefAgentId,
    signalsFor,
    proofFor,
  };
}

/**
 * A model a requester can pin, registered the honest way: a fixed 8-16-3 MLP (risk-v1's shape), its Groth16 setup from
 * the zk cache (made once per machine), the verifier compiled from that key with @convergence/zk (setupRegistration,
 * as `model add` and the worker register), registered by the publisher `market.modelOwner`. Proofs are real: `proveFor`
 * is what an honest worker sends. The pin names the publisher as the setup's contributor (the requester's claim; the
 * SDK does not verify signatures, modelPinFromSetup does).
 *
 * @example
 * const pinned = await setupPinnedModel({ market });
 * await requestInference({ ..., modelId: pinned.modelId, pin: pinned.pin, workerAgentId: market.workerAgentId });
 */
export async function setupPinnedModel({ market }: { market: Awaited<ReturnType<typeof setupInferenceMarket>> }) {
  const zk = await import("@convergence/zk");
  // Small weights and biases keep every activation in range for any 16-bit input. Not risk-v1's shape (8-16-3): the
  // zk cache holds one key per circuit, and another package's test installing risk-v1's published key for that
  // circuit would replace this phase-2 key between the verifier's deployment and a proof (seen in CI on a fresh clone).
  const widths = [8, 12, 3];
  const model: QuantizedMlp = {
    scale: 8,
    layers: widths.slice(1).map((outputs, k) => ({
      weights: Array.from({ length: outputs }, (_, j) =>
        Array.from({ length: widths[k]! }, (_, i) => BigInt(((i * 7 + j * 13 + k * 5) % 41) - 20)),
      ),
      bias: Array.from({ length: outputs }, (_, j) => BigInt(((j * 11) % 9) - 4) * 64n),
      relu: k === 0,
    })),
  };
  const circuit = await zk.compileCircuit({ shape: zk.modelShape({ model }) });
  const setup = await zk.setupCircuit({ circuit });
  const registration = await zk.setupRegistration({ setup, name: "pinned-test" });
  const { abi, bytecode, contractName } = await registration.compileVerifier();
  const { address: verifier } = await deployVerifier({ client: market.modelOwner, abi, bytecode, contractName });
  const commitment = await zk.commitModel({ model });
  const registerPinned = (overrides: { verifier?: Address; vkeyHash?: Hex; numOutputs?: number } = {}) =>
    registerModel({
      client: market.modelOwner,
      registry: market.contracts.ModelRegistry,
      commitment,
      verifier: overrides.verifier ?? verifier,
      numOutputs: overrides.numOutputs ?? 3,
      circuitId: registration.circuitId,
      vkeyHash: overrides.vkeyHash ?? registration.vkeyHash,
      onnxHash: keccak256(encodePacked(["string"], ["pinned-test onnx"])),
      uri: "https://models.example/pinned-test.json",
    });
  const { modelId } = await registerPinned();
  const pin: ModelPin = {
    commitment,
    verificationKey: setup.verificationKey,
    contributors: [market.modelOwner.account.address],
  };
  /** The calldata an honest worker sends for `jobId`: a real proof with its binding to the job and `worker`. */
  const proveFor = async ({
    jobId,
    input,
    salt,
    worker,
  }: {
    jobId: bigint;
    input: readonly bigint[];
    salt: bigint;
    worker: Address;
  }) => {
    const binding = zk.computeBinding({ chainId: 31337, escrow: market.contracts.InferenceEscrow, jobId, worker });
    const proof = await zk.prove({ model, input, salt, binding, keepCurve: true });
    return { calldata: proof.calldata, output: proof.output };
  };
  return { model, modelId, verifier, commitment, pin, registration, registerPinned, proveFor };
}
