/**
 * Step 9: buy a proven inference through the escrow, with the worker.
 *
 * First the model's publisher (account #3, who ran the setup in step 7) deploys risk-v1's verifier and registers the
 * model: its weight commitment, verifier and verification-key hash. Then this step starts the worker itself
 * (apps/worker, as `pnpm worker` would) and stops it at the end. On its first start against this chain the worker
 * registers as an ERC-8004 agent and serves the publisher's registration: it proves with the publisher's keys and
 * never ran their setup, so it cannot forge a proof.
 *
 * The flow, as the agent will run it in step 10 and `convergence job open` runs it: one SDK call, `requestInference`,
 * whose `onStep` prints each step as it starts:
 * 1. you quantize your input; it is committed with a random salt (Poseidon): only the commitment goes on-chain;
 * 2. `openJob` escrows the payment with your ERC-2612 permit (step 5) in the same transaction;
 * 3. the private input and salt go to the worker over HTTP; it checks them against the on-chain commitment;
 * 4. the worker runs the int64 ONNX model, proves the same computation (step 7) with a `binding` to this job and its
 *    own address, so the proof cannot be replayed for another job or claimed by another worker, and calls `fulfill`;
 * 5. the InferenceAttestor verifies the proof through the model's verifier (step 8), records the attestation, answers
 *    the ERC-8004 validation request with 100, and the escrow pays the worker.
 */
import { loadModel, modelRegistrationRecord } from "@convergence/models";
import { ensureModelRegistration, getWorkerModels, requestInference } from "@convergence/sdk";
import { compileCircuit, loadSetup, modelShape, quantizeValue, setupRegistration } from "@convergence/zk";
import { erc20Abi, formatUnits, parseUnits } from "viem";
import { nextStep } from "./lib/nextStep.ts";
import { startWorker } from "./lib/startWorker.ts";
import { WorkshopPrerequisiteError } from "./lib/WorkshopPrerequisiteError.ts";
import { workshopChain } from "./lib/workshopChain.ts";

const { rpcUrl, deployment, wallet, publicClient, accounts } = await workshopChain();
const { InferenceEscrow: escrow, USDC, ModelRegistry } = deployment.contracts;
const { manifest, quantized } = await loadModel({ name: "risk-v1" });
const setup = await loadSetup({
  circuit: await compileCircuit({ shape: modelShape({ model: quantized }) }),
}).catch(() => {
  throw new WorkshopPrerequisiteError({ missing: "risk-v1's keys from the publisher's setup", fix: "pnpm workshop 7" });
});
const published = await ensureModelRegistration({
  client: wallet(3),
  registry: ModelRegistry,
  fromBlock: BigInt(deployment.startBlock),
  ...modelRegistrationRecord({ manifest }),
  setup: await setupRegistration({ setup, name: "risk-v1" }),
});
process.stdout.write(
  `The publisher (#3) ${published.registered ? "registered" : "had already registered"} risk-v1 as model ${published.modelId} (verifier ${published.verifier.address}).\n`,
);
process.stdout.write("Starting the worker (first start on this chain: registers itself as an agent)...\n");
const worker = await startWorker({ rpcUrl });
try {
  const served = (await getWorkerModels({ workerUrl: worker.url })).find((m) => m.name === "risk-v1")!;
  process.stdout.write(
    `Worker ${worker.url}: ERC-8004 agent ${worker.agentId}, serving risk-v1 as model ${served.modelId}.\n`,
  );
  const input = [0.5, -1.2, 0.3, 0, 0.1, 0, 1, -0.5].map((value) => quantizeValue({ value, scale: manifest.scale }));
  const balance = async (who: `0x${string}`) =>
    formatUnits(
      await publicClient.readContract({ address: USDC, abi: erc20Abi, functionName: "balanceOf", args: [who] }),
      6,
    );
  const workerBefore = await balance(accounts[2]!.address);

  const { jobId, open, attestation, validation, workerJob } = await requestInference({
    publicClient,
    walletClient: wallet(1),
    escrow,
    workerUrl: worker.url,
    modelId: BigInt(served.modelId!),
    input,
    amount: parseUnits("2", 6),
    outputScales: manifest.scale,
    onStep: (step, run) => {
      process.stdout.write(
        step.name === "open"
          ? "Opening a job: 2 USDC escrowed with your permit, only the input commitment on-chain...\n"
          : step.name === "deliver"
            ? `Handing the input and salt of job ${step.jobId} to the worker...\n`
            : "Waiting for the worker's proof to be verified and attested on-chain...\n",
      );
      return run();
    },
  });
  process.stdout.write(`Job ${jobId} was opened in ${open.hash} (${open.receipt.gasUsed} gas).\n`);
  process.stdout.write(
    [
      `Attested on-chain: outputs ${attestation.outputs.join(", ")} → ${workerJob?.output?.label} (proved in ${workerJob?.timings.proveMs} ms, fulfil ${workerJob?.txHashes.at(-1)}).`,
      `ERC-8004 validation of agent ${validation.agentId}: response ${validation.response}.`,
      `The worker's wallet went from ${workerBefore} to ${await balance(accounts[2]!.address)} USDC.`,
    ].join("\n"),
  );
} finally {
  await worker.stop();
}
nextStep({ command: "pnpm workshop 10" });
