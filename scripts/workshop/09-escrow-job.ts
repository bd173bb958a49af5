/**
 * Step 9: buy a proven inference through the escrow, with the worker.
 *
 * This step starts the worker itself (apps/worker, as `pnpm worker` would) and stops it at the end. On its first start
 * against this chain the worker registers as an ERC-8004 agent, deploys risk-v1's verifier and registers the model.
 *
 * The flow, as the agent will run it in step 10:
 * 1. you quantize your input and commit to it with a random salt (Poseidon): only the commitment goes on-chain;
 * 2. `openJob` escrows the payment with your ERC-2612 permit (step 5) in the same transaction;
 * 3. the private input and salt go to the worker over HTTP; it checks them against the on-chain commitment;
 * 4. the worker runs the int64 ONNX model, proves the same computation (step 7) with a `binding` to this job and its
 *    own address, so the proof cannot be replayed for another job or claimed by another worker, and calls `fulfill`;
 * 5. the InferenceAttestor verifies the proof through the model's verifier (step 8), records the attestation, answers
 *    the ERC-8004 validation request with 100, and the escrow pays the worker.
 */
import { loadModel } from "@convergence/models";
import {
  deliverJobInput,
  getValidation,
  getWorkerJob,
  getWorkerModels,
  openJob,
  waitForAttestation,
} from "@convergence/sdk";
import { commitInput, quantizeValue, randomSalt } from "@convergence/zk";
import { erc20Abi, formatUnits, parseUnits } from "viem";
import { nextStep } from "./lib/nextStep.ts";
import { startWorker } from "./lib/startWorker.ts";
import { workshopChain } from "./lib/workshopChain.ts";

const { rpcUrl, deployment, wallet, publicClient, accounts } = await workshopChain();
const { InferenceEscrow: escrow, InferenceAttestor: attestor, ValidationRegistry, USDC } = deployment.contracts;
process.stdout.write("Starting the worker (first start on this chain: registers itself and risk-v1)...\n");
const worker = await startWorker({ rpcUrl });
try {
  const served = (await getWorkerModels({ workerUrl: worker.url })).find((m) => m.name === "risk-v1")!;
  process.stdout.write(
    `Worker ${worker.url}: ERC-8004 agent ${worker.agentId}, serving risk-v1 as model ${served.modelId}.\n`,
  );
  const { manifest } = await loadModel({ name: "risk-v1" });
  const input = [0.5, -1.2, 0.3, 0, 0.1, 0, 1, -0.5].map((value) => quantizeValue({ value, scale: manifest.scale }));
  const salt = randomSalt();
  const inputCommitment = await commitInput({ input, salt });
  const balance = async (who: `0x${string}`) =>
    formatUnits(
      await publicClient.readContract({ address: USDC, abi: erc20Abi, functionName: "balanceOf", args: [who] }),
      6,
    );
  const workerBefore = await balance(accounts[2]!.address);

  const { timestamp } = await publicClient.getBlock();
  const opened = await openJob({
    client: wallet(1),
    escrow,
    modelId: BigInt(served.modelId!),
    inputCommitment,
    amount: parseUnits("2", 6),
    deadline: timestamp + 600n,
    payment: "permit",
  });
  process.stdout.write(
    `Job ${opened.jobId} opened, 2 USDC escrowed with a permit: ${opened.hash} (${opened.receipt.gasUsed} gas).\n`,
  );
  await deliverJobInput({ workerUrl: worker.url, jobId: opened.jobId, input, salt, maxRetries: 5 });
  const attestation = await waitForAttestation({
    client: publicClient,
    escrow,
    attestor,
    jobId: opened.jobId,
    timeoutMs: 300_000,
  });
  const job = await getWorkerJob({ workerUrl: worker.url, jobId: opened.jobId });
  const validation = await getValidation({
    client: publicClient,
    registry: ValidationRegistry,
    requestHash: attestation.validationRequestHash,
  });
  process.stdout.write(
    [
      `Attested on-chain: outputs ${attestation.outputs.join(", ")} → ${job.output?.label} (proved in ${job.timings.proveMs} ms, fulfil ${job.txHashes.at(-1)}).`,
      `ERC-8004 validation of agent ${validation.agentId}: response ${validation.response}.`,
      `The worker's wallet went from ${workerBefore} to ${await balance(accounts[2]!.address)} USDC.`,
    ].join("\n"),
  );
} finally {
  await worker.stop();
}
nextStep({ command: "pnpm workshop 10" });
