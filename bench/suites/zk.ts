/**
 * Zero-knowledge proofs, per MLP shape (risk-v1's trained 8-16-3, random 4-8-2 and 16-32-4): circuit
 * size, a fresh compile and Groth16 setup (in a scratch CONVERGENCE_HOME, so nothing is cached),
 * proving warm through the JS API against a cold `snarkjs groth16 fullprove` CLI run of the same
 * input, verification time and gas of the exported Solidity verifier on Hardhat's in-process chain,
 * proof size, and an exactness sweep of 1,000 inputs (circuit witness against `forward()`).
 * `pnpm bench zk`; `pnpm bench zk --verify-ptau` adds the full cryptographic check of the committed
 * ptau (`powersoftau verify`, seconds).
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createPrng, loadModel, randomQuantizedMlp } from "@convergence/models";
import {
  buildCircuitInput,
  commitInput,
  commitModel,
  compileCircuit,
  compileVerifier,
  devPtauPath,
  exportVerifier,
  forward,
  loadWitnessCalculator,
  modelShape,
  type ProveReturnType,
  prove,
  type QuantizedMlp,
  randomSalt,
  setupCircuit,
  snarkjsCliPath,
  terminateCurve,
  verify,
  verifyPtau,
} from "@convergence/zk";
import type {} from "@nomicfoundation/hardhat-viem";
import hre from "hardhat";
import { type Abi, encodeFunctionData, type Hex } from "viem";
import type { BenchSection } from "../types.ts";

const EXACTNESS_INPUTS = 1000;
const PROVE_WARMUP = 2;
const PROVE_RUNS = 20;
const COLD_RUNS = 3;
const VERIFY_RUNS = 10;

type Case = { name: string; model: QuantizedMlp; contract: string };

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
};
const ms = (value: number) => Math.round(value * 10) / 10;

/** Calldata gas (EIP-2028): 16 per nonzero byte, 4 per zero byte. */
function calldataGas(data: Hex): bigint {
  let gas = 0n;
  for (let i = 2; i < data.length; i += 2) gas += data.slice(i, i + 2) === "00" ? 4n : 16n;
  return gas;
}

function randomInput(width: number, scale: number, next: () => number): bigint[] {
  const unit = 2 ** scale;
  return Array.from({ length: width }, () => {
    const roll = next();
    if (roll < 0.05) return -32768n;
    if (roll < 0.1) return 32767n;
    if (roll < 0.3) return BigInt(Math.floor(next() * 65536) - 32768);
    return BigInt(Math.round((next() * 8 - 4) * unit));
  });
}

export async function run(): Promise<BenchSection[]> {
  const home = await mkdtemp(join(tmpdir(), "convergence-bench-zk-"));
  const previousHome = process.env.CONVERGENCE_HOME;
  process.env.CONVERGENCE_HOME = home;
  const risk = await loadModel({ name: "risk-v1" });
  const cases: Case[] = [
    { name: "risk-v1 (8-16-3)", model: risk.quantized, contract: "risk-v1" },
    {
      name: "random 4-8-2",
      model: randomQuantizedMlp({ widths: [4, 8, 2], scale: 8, seed: 7 }),
      contract: "bench-4-8-2",
    },
    {
      name: "random 16-32-4",
      model: randomQuantizedMlp({ widths: [16, 32, 4], scale: 8, seed: 8 }),
      contract: "bench-16-32-4",
    },
  ];
  const rows: Record<string, string | number>[] = [];
  const notes: string[] = [];
  try {
    const { viem } = await hre.network.connect();
    const publicClient = await viem.getPublicClient();
    const [wallet] = await viem.getWalletClients();
    if (!wallet) throw new Error("expected a Hardhat account");
    for (const [index, { name, model, contract }] of cases.entries()) {
      const shape = modelShape({ model });
      const prng = createPrng({ seed: 100 + index });
      const next = () => prng.next();

      let started = performance.now();
      const circuit = await compileCircuit({ shape });
      const compileSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      const setup = await setupCircuit({ circuit });
      const setupSeconds = (performance.now() - started) / 1000;

      // Exactness: a witness exists for (input, forward(input)) only if the circuit computes the same.
      const calculator = await loadWitnessCalculator({ circuit });
      const modelCommitment = await commitModel({ model });
      let mismatches = 0;
      for (let n = 0; n < EXACTNESS_INPUTS; n++) {
        const input = randomInput(shape.widths[0] as number, shape.scale, next);
        const { output } = forward({ model, input });
        const salt = randomSalt();
        const inputCommitment = await commitInput({ input, salt });
        const circuitInput = buildCircuitInput({
          model,
          input,
          salt,
          binding: 0n,
          modelCommitment,
          inputCommitment,
          output,
        });
        try {
          await calculator.calculateWitness(circuitInput, true);
        } catch {
          mismatches++;
        }
      }

      // Warm proving through the JS API (curve threads kept between proofs).
      const input = randomInput(shape.widths[0] as number, shape.scale, next);
      const proofs: ProveReturnType[] = [];
      const proveMs: number[] = [];
      const callMs: number[] = [];
      for (let n = 0; n < PROVE_WARMUP + PROVE_RUNS; n++) {
        const t = performance.now();
        const result = await prove({ model, input, binding: BigInt(n + 1), keepCurve: true });
        if (n >= PROVE_WARMUP) {
          callMs.push(performance.now() - t);
          proveMs.push(result.proveMs);
          proofs.push(result);
        }
      }
      const proof = proofs[0] as ProveReturnType;

      // Cold: a fresh `snarkjs groth16 fullprove` process on the same input (witness + proof).
      const coldDir = await mkdtemp(join(home, "cold-"));
      const inputFile = join(coldDir, "input.json");
      await writeFile(
        inputFile,
        JSON.stringify(
          buildCircuitInput({
            model,
            input,
            salt: proof.salt,
            binding: proof.binding,
            modelCommitment: proof.modelCommitment,
            inputCommitment: proof.inputCommitment,
            output: proof.output,
          }),
        ),
      );
      const coldMs: number[] = [];
      for (let n = 0; n < COLD_RUNS; n++) {
        const t = performance.now();
        const child = spawnSync(
          process.execPath,
          [
            snarkjsCliPath(),
            "groth16",
            "fullprove",
            inputFile,
            circuit.wasm,
            setup.zkey,
            join(coldDir, "proof.json"),
            join(coldDir, "public.json"),
          ],
          { encoding: "utf8" },
        );
        if (child.status !== 0) throw new Error(`snarkjs fullprove failed: ${child.stderr || child.stdout}`);
        coldMs.push(performance.now() - t);
      }

      const verifyMs: number[] = [];
      for (let n = 0; n < VERIFY_RUNS; n++) {
        const t = performance.now();
        const ok = await verify({
          proof: proof.proof,
          publicSignals: proof.publicSignals,
          verificationKey: setup.verificationKey,
          keepCurve: true,
        });
        verifyMs.push(performance.now() - t);
        if (!ok) throw new Error(`${name}: a fresh proof did not verify`);
      }

      // On-chain: the exported verifier, compiled with solc-js and deployed on the in-process chain.
      const verifier = await exportVerifier({ zkey: setup.zkey, model: contract, outDirs: [join(home, "verifiers")] });
      const { abi, bytecode } = compileVerifier({ source: verifier.source, contractName: verifier.contractName });
      const { contractAddress } = await publicClient.waitForTransactionReceipt({
        hash: await wallet.deployContract({ abi, bytecode }),
      });
      const args = [proof.calldata.pA, proof.calldata.pB, proof.calldata.pC, proof.calldata.pubSignals] as const;
      const call = { address: contractAddress as Hex, abi: abi as Abi, functionName: "verifyProof", args };
      if ((await publicClient.readContract(call)) !== true)
        throw new Error(`${name}: the verifier rejected a valid proof`);
      const txGas = await publicClient.estimateContractGas({ ...call, account: wallet.account });
      const data = encodeFunctionData({ abi: abi as Abi, functionName: "verifyProof", args });
      const executionGas = txGas - 21_000n - calldataGas(data);

      rows.push({
        shape: name,
        constraints: circuit.constraints,
        parameters: shape.parameterCount,
        "constraints/param": Math.round((circuit.constraints / shape.parameterCount) * 100) / 100,
        "compile s": ms(compileSeconds),
        "setup s": ms(setupSeconds),
        "prove p50 ms": ms(quantile(proveMs, 0.5)),
        "prove p95 ms": ms(quantile(proveMs, 0.95)),
        "prove() call p50 ms": ms(quantile(callMs, 0.5)),
        "cold fullprove CLI ms": ms(quantile(coldMs, 0.5)),
        "verify ms": ms(quantile(verifyMs, 0.5)),
        "verify gas (tx)": Number(txGas),
        "verify gas (execution)": Number(executionGas),
        "proof bytes": 256,
        "calldata bytes": (data.length - 2) / 2,
        "exactness inputs": EXACTNESS_INPUTS,
        mismatches,
      });
    }
    notes.push(
      "Targets for risk-v1 on 2 cores: prove p50 < 1 s, verify gas < 230k, <= 25 constraints per model parameter.",
      `prove p50/p95: witness + Groth16 proof through the snarkjs JS API, warm (${PROVE_WARMUP} warm-up proofs, ${PROVE_RUNS} measured, curve threads kept); "prove() call" adds forward(), both commitments and the cache lookups.`,
      `cold fullprove: median of ${COLD_RUNS} fresh \`snarkjs groth16 fullprove\` processes on the same input (Node start, wasm and key loading included).`,
      "verify gas (tx): eth_estimateGas of verifyProof (21,000 intrinsic + calldata included); (execution): minus the intrinsic and calldata gas, what a calling contract such as the attestor pays for the check itself.",
      "proof bytes: the Groth16 proof as the verifier takes it (pA, pB, pC: 8 words); calldata bytes add the selector and the public signals.",
      "setup s: phase 2 from the committed 2^14 development ptau (new key, one contribution, a beacon), in a scratch CONVERGENCE_HOME.",
      `exactness: ${EXACTNESS_INPUTS} random inputs per shape (extremes -32768/32767 mixed in); a mismatch is a witness the circuit refuses for forward()'s output.`,
    );
    const sections: BenchSection[] = [{ name: "zk: Groth16 per MLP shape", rows, notes }];
    if (process.argv.includes("--verify-ptau")) {
      const t = performance.now();
      const ok = await verifyPtau({});
      sections.push({
        name: "zk: phase 1",
        rows: [
          {
            ptau: devPtauPath().split("/").slice(-2).join("/"),
            verified: ok ? "yes" : "NO",
            seconds: ms((performance.now() - t) / 1000),
          },
        ],
        notes: [
          "powersoftau verify of the committed development ceremony: every contribution, the beacon and the prepared phase 2.",
        ],
      });
    }
    return sections;
  } finally {
    await terminateCurve();
    if (previousHome === undefined) delete process.env.CONVERGENCE_HOME;
    else process.env.CONVERGENCE_HOME = previousHome;
    await rm(home, { recursive: true, force: true });
  }
}
