/**
 * Step 8: verify the proof on-chain.
 *
 * snarkjs exports a Solidity verifier from the circuit's verification key: the key's points are constants in the
 * contract, and `verifyProof` runs the Groth16 pairing check with the EVM's BN254 precompiles (ecAdd, ecMul,
 * ecPairing). Here it is compiled in memory with solc-js and deployed, then the proof from step 7 is checked with a
 * free eth_call, and its gas measured. The calldata comes from snarkjs' own export, never hand-encoded. In the
 * inference market, the InferenceAttestor calls this verifier inside the worker's `fulfill` (step 9) and records the
 * attestation only if it returns true.
 */
import { loadModel } from "@convergence/models";
import { compileCircuit, compileVerifier, exportVerifier, loadSetup, modelShape } from "@convergence/zk";
import { getAddress } from "viem";
import { nextStep } from "./lib/nextStep.ts";
import { WorkshopPrerequisiteError } from "./lib/WorkshopPrerequisiteError.ts";
import { workshopChain } from "./lib/workshopChain.ts";
import { workshopState } from "./lib/workshopState.ts";

type Stored = { calldata: { pA: string[]; pB: string[][]; pC: string[]; pubSignals: string[] } };
const stored = workshopState().read<Stored>("proof");
if (!stored) throw new WorkshopPrerequisiteError({ missing: "the proof from step 7", fix: "pnpm workshop 7" });
const { wallet, publicClient } = await workshopChain({ needsDeployment: false });
const { quantized } = await loadModel({ name: "risk-v1" });
const setup = await loadSetup({ circuit: await compileCircuit({ shape: modelShape({ model: quantized }) }) });
const exported = await exportVerifier({ zkey: setup.zkey, model: "risk-v1", outDirs: [] });
const { abi, bytecode } = compileVerifier({ source: exported.source, contractName: exported.contractName });
const client = wallet(0);
const hash = await client.deployContract({ abi, bytecode, account: client.account, chain: client.chain });
const receipt = await client.waitForTransactionReceipt({ hash });
const verifier = getAddress(receipt.contractAddress!);
process.stdout.write(`${exported.contractName} deployed at ${verifier} (${receipt.gasUsed} gas).\n`);

const big = (xs: string[]) => xs.map(BigInt);
const args = [
  big(stored.calldata.pA),
  stored.calldata.pB.map(big),
  big(stored.calldata.pC),
  big(stored.calldata.pubSignals),
] as const;
const call = (pubSignals: bigint[]) =>
  publicClient.readContract({
    address: verifier,
    abi,
    functionName: "verifyProof",
    args: [args[0], args[1], args[2], pubSignals],
  } as never) as Promise<boolean>;
const ok = await call(args[3]);
const gas = await publicClient.estimateContractGas({
  address: verifier,
  abi,
  functionName: "verifyProof",
  args: [args[0], args[1], args[2], args[3]],
  account: client.account,
} as never);
const tampered = [...args[3]];
tampered[3] = tampered[3]! + 1n;
process.stdout.write(
  `verifyProof(proof from step 7) = ${ok}, about ${gas} gas.\nverifyProof(same proof, one output changed) = ${await call(tampered)}.\n`,
);
nextStep({ command: "pnpm workshop 9" });
