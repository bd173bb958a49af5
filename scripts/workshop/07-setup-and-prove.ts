/**
 * Step 7: trusted setup and a proof.
 *
 * Groth16 needs a setup per circuit. Phase 1 (powers of tau) is universal: the repository ships a prepared file from
 * its own development ceremony, hash-pinned (fine for a laptop, not for value at stake: `--ptau` takes a public
 * ceremony's file). Phase 2 is per circuit: a contribution and a beacon over the compiled circuit, cached under
 * $CONVERGENCE_HOME/zk keyed by the circuit's hash (the first run takes tens of seconds; later runs find it). The
 * circuit depends only on the model's shape and scale, so retrained weights reuse it (step 11).
 *
 * Who runs phase 2 matters: whoever knows a setup's secret randomness can forge proofs of any output. So the model's
 * publisher (devnet account #3) runs it and signs its contribution's hash, never the worker that will be paid for
 * proofs. Anyone can add a contribution (`pnpm convergence zk contribute`) and check a key against the circuit and the
 * ptau, listing who contributed (`pnpm convergence zk verify-setup --model risk-v1`).
 *
 * The proof then says: "I know weights whose Poseidon commitment is C_w and an input whose commitment (with a secret
 * salt) is C_x, and this MLP maps that input to these outputs", without revealing weights, input or salt. The public
 * signals are modelCommitment, inputCommitment, binding (which escrow job and worker the proof is for; 0 here) and
 * the outputs. Verifying off-chain takes milliseconds; step 8 verifies on-chain.
 */
import { devnetRoleAccount } from "@convergence/contracts";
import { loadModel } from "@convergence/models";
import {
  compileCircuit,
  modelShape,
  prove,
  quantizeValue,
  setupCircuit,
  terminateCurve,
  verify,
} from "@convergence/zk";
import { nextStep } from "./lib/nextStep.ts";
import { workshopState } from "./lib/workshopState.ts";

const { manifest, quantized } = await loadModel({ name: "risk-v1" });
const onProgress = ({ message, elapsedMs }: { message: string; elapsedMs: number }) =>
  process.stdout.write(`  [${(elapsedMs / 1000).toFixed(1)} s] ${message}\n`);
const circuit = await compileCircuit({ shape: modelShape({ model: quantized }), onProgress });
// The publisher signs its phase-2 contribution; a worker never runs this.
const publisher = devnetRoleAccount({ role: "publisher" });
const setup = await setupCircuit({ circuit, contributor: publisher, onProgress });
const signers = setup.record.attestations.map((a) => a.contributor);
process.stdout.write(
  `Circuit ${circuit.name}: ${circuit.constraints} constraints; keys ${setup.cached ? "found in the cache" : "made now"} (phase 2 signed by ${signers.includes(publisher.address) ? `the publisher, #3 ${publisher.address}` : signers.join(", ") || "nobody"}).\n`,
);

const input = [0.5, -1.2, 0.3, 0, 0.1, 0, 1, -0.5].map((value) => quantizeValue({ value, scale: manifest.scale }));
const proof = await prove({ model: quantized, input });
process.stdout.write(
  `Proved in ${proof.proveMs.toFixed(0)} ms: outputs ${proof.output.join(", ")} (fixed point, /2^${manifest.scale}).\n`,
);
process.stdout.write(
  `Public signals: ${proof.publicSignals.map((s) => (s.length > 20 ? `${s.slice(0, 12)}...` : s)).join(", ")}\n`,
);
const ok = await verify({
  proof: proof.proof,
  publicSignals: proof.publicSignals,
  verificationKey: setup.verificationKey,
  expected: { modelCommitment: BigInt(manifest.commitments.model) },
});
const tampered = [...proof.publicSignals];
tampered[3] = (BigInt(tampered[3]!) + 1n).toString();
const forged = await verify({
  proof: proof.proof,
  publicSignals: tampered,
  verificationKey: setup.verificationKey,
}).catch(() => false);
await terminateCurve();
process.stdout.write(`Verified off-chain: ${ok}. The same proof with one output changed: ${forged}.\n`);
workshopState().write("proof", { calldata: proof.calldata, publicSignals: proof.publicSignals });
nextStep({
  command: "pnpm workshop 8",
  note: "Anyone can check the key against the circuit and the ptau, and see who signed: pnpm convergence zk verify-setup --model risk-v1",
});
