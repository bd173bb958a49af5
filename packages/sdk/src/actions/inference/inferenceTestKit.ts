/**
 * Test-only set-up for the inference action tests (not exported from the package): a Groth16 verifier mock from the
 * Hardhat build (contracts/test/Groth16VerifierMock.sol, which accepts a proof whose a[0] commits to the public
 * signals), a 3-output model registered on it, a worker agent, and a requester funded with devnet USDC. The real
 * snarkjs verifier is exercised by the zk package and the end-to-end tests.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { agentRegistryAbi, devnetAccounts, usdcAbi } from "@convergence/contracts";
import { workspaceRoot } from "@convergence/paths";
import { computeBinding, FIELD_MODULUS, type Groth16Calldata } from "@convergence/zk";
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
import { registerModel } from "./registerModel.ts";

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
