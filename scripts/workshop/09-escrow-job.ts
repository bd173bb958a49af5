/**
 * Step 9: buy a proven inference through the escrow, with the worker.
 *
 * First the model's publisher (account #3) deploys risk-v1's verifier and registers the model: its weight commitment,
 * verifier and verification-key hash. It registers risk-v1's published release key (packages/models/assets/risk-v1/
 * keys, hash-pinned in the manifest, its phase 2 signed by a release account), the key requesters pin; a publisher
 * of its own model registers the key of its own signed setup (step 7), as `convergence model add` does. Then this
 * step starts the worker itself (apps/worker, as `pnpm worker` would) and stops it at the end. On its first start
 * against this chain the worker registers as an ERC-8004 agent and serves the publisher's registration: it proves
 * with the published key and never ran its setup, so it cannot forge a proof.
 *
 * The flow, as the agent will run it in step 10 and `convergence job open` runs it: one SDK call, `requestInference`,
 * whose `onStep` prints each step as it starts:
 * 0. before anything is paid, the registration the worker names is held against YOUR pin of risk-v1 (`loadModelPin`:
 *    the weight commitment of the model's manifest, and the verification key and signed setup contributors of its
 *    published release): other weights, another key, a verifier whose code is not the key's (one that accepts every
 *    proof, say), or a setup whose only contributor is the worker are refused by name. The worker names only the
 *    registration id and its ERC-8004 agent; the job is reserved for that agent;
 * 1. you quantize your input; it is committed with a random salt (Poseidon): only the commitment goes on-chain;
 * 2. `openJob` escrows the payment with your ERC-2612 permit (step 5) in the same transaction;
 * 3. the private input and salt go to the worker over HTTP; it checks them against the on-chain commitment;
 * 4. the worker runs the int64 ONNX model, proves the same computation (step 7) with a `binding` to this job and its
 *    own address, so the proof cannot be replayed for another job or claimed by another worker, and calls `fulfill`;
 * 5. the InferenceAttestor verifies the proof through the model's verifier (step 8), records the attestation, answers
 *    the ERC-8004 validation request with 100, and the escrow pays the worker.
 */
import { loadModel, loadModelPin, modelRegistrationRecord } from "@convergence/models";
import { ensureModelRegistration, getWorkerModels, requestInference } from "@convergence/sdk";
import { quantizeValue, setupModel, setupRegistration } from "@convergence/zk";
import { erc20Abi, formatUnits, parseUnits } from "viem";
import { nextStep } from "./lib/nextStep.ts";
import { startWorker } from "./lib/startWorker.ts";
import { workshopChain } from "./lib/workshopChain.ts";

const { rpcUrl, deployment, wallet, publicClient, accounts } = await workshopChain();
const { InferenceEscrow: escrow, USDC, ModelRegistry } = deployment.contracts;
const model = await loadModel({ name: "risk-v1" });
const { manifest } = model;
// The published key, installed into the zk cache after its pinned hashes are checked (no phase 2 runs here).
const { setup } = await setupModel({
  model: model.quantized,
  name: "risk-v1",
  ...(model.publishedKeys ? { published: model.publishedKeys } : {}),
  verifierDirs: [],
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
  // Your pin: what the proof must verify under, from the model's release, never from the worker.
  const { pin, source } = await loadModelPin({ name: "risk-v1" });
  process.stdout.write(
    `Pinned risk-v1 by its ${source === "release" ? "published release" : "setup on this machine"}: setup contributors ${pin.contributors.join(", ") || "none"}.\n`,
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
    pin,
    workerAgentId: worker.agentId,
    input,
    amount: parseUnits("2", 6),
    outputScales: manifest.scale,
    onStep: (step, run) => {
      process.stdout.write(
        step.name === "open"
          ? `Registration ${step.modelId} is what you pinned. Opening a job for agent ${worker.agentId}: 2 USDC escrowed with your permit, only the input commitment on-chain...\n`
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
