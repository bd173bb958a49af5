import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDeployment } from "@convergence/contracts";
import { type LaunchWorkerReturnType, launchWorker } from "@convergence/devnet";
import { loadModel } from "@convergence/models";
import {
  getAgent,
  getModel,
  getWorkerModels,
  getWorkerRegistration,
  WORKER_REGISTRATION_PATH,
  WORKER_SERVICE_NAME,
} from "@convergence/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";

/**
 * Issue 15: a worker is discoverable from the chain alone. It serves its ERC-8004 registration file and points its
 * agent's on-chain agentURI there (on a free port: once it listens); a requester reads the file from the URI and finds
 * the model with the commitment it pins. Each case starts the worker again, on the same key and agent.
 */
describe("the worker's registration file and its on-chain agentURI", () => {
  let devnet: Devnet;
  let dir: string;
  const workers: LaunchWorkerReturnType[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "worker-registration-"));
    devnet = await startDevnet();
    writeDeployment({ deployment: devnet.deployment, dir });
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop({ signal: "SIGKILL" });
    await devnet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string> = {}) => {
    const worker = await launchWorker({
      rpcUrl: devnet.url,
      deploymentsDir: dir,
      dbPath: join(dir, "jobs.sqlite"),
      env,
    });
    workers.push(worker);
    return worker;
  };
  const onChainUri = async (agentId: bigint) =>
    (await getAgent({ client: devnet.publicClient, registry: devnet.deployment.contracts.AgentRegistry, agentId }))
      .agentURI;

  it("on a free port: registers, then sets agentURI to the file it serves, which has the pinned model", async () => {
    const worker = await start();
    const agentURI = await onChainUri(worker.agentId);
    expect(agentURI).toBe(`${worker.url}${WORKER_REGISTRATION_PATH}`);
    expect(worker.output()).toContain("agent URI updated");

    const registration = await getWorkerRegistration({ agentURI });
    expect(registration.services).toContainEqual({ name: WORKER_SERVICE_NAME, endpoint: worker.url, version: "1" });
    expect(registration.registrations).toEqual([
      { agentId: Number(worker.agentId), agentRegistry: `eip155:31337:${devnet.deployment.contracts.AgentRegistry}` },
    ]);
    // The commitment a requester pins (risk-v1's manifest), and the key hash and verifier of the on-chain registration.
    const { manifest } = await loadModel({ name: "risk-v1" });
    const entry = registration.models.find((model) => model.name === "risk-v1");
    expect(entry?.commitment).toBe(manifest.commitments.model);
    const onChain = await getModel({
      client: devnet.publicClient,
      registry: devnet.deployment.contracts.ModelRegistry,
      modelId: BigInt(entry!.modelId),
    });
    expect(onChain.commitment.toString()).toBe(manifest.commitments.model);
    expect(entry).toMatchObject({
      modelId: worker.models.find((model) => model.name === "risk-v1")!.modelId.toString(),
      vkeyHash: onChain.vkeyHash,
      verifier: onChain.verifier,
      proofSystem: "groth16",
      // The default price floor (500,000 gas at 0.1 gwei and 3000 USDC/ETH, plus 0.01 USDC of proving).
      price: "0.16",
      priceUnits: "160000",
      token: devnet.deployment.contracts.USDC,
    });
    // /v1/models answers as before, with the same model id.
    const [served] = await getWorkerModels({ workerUrl: worker.url });
    expect(served!.modelId).toBe(entry!.modelId);
    await worker.stop();
  });

  it("with WORKER_PUBLIC_URL: the file names that URL and the agentURI follows it, once", async () => {
    const publicUrl = "http://worker.example:9";
    const worker = await start({ WORKER_PUBLIC_URL: `${publicUrl}/`, WORKER_MIN_PRICE: "risk-v1=0.5" });
    expect(await onChainUri(worker.agentId)).toBe(`${publicUrl}${WORKER_REGISTRATION_PATH}`);
    expect(worker.output()).toContain("agent URI updated");
    // Read from where it listens (worker.example is not reachable from here): the live file, with the new floor.
    const registration = await getWorkerRegistration({ agentURI: `${worker.url}${WORKER_REGISTRATION_PATH}` });
    expect(registration.services[0]!.endpoint).toBe(publicUrl);
    expect(registration.models[0]).toMatchObject({ price: "0.5", priceUnits: "500000" });
    await worker.stop();

    // The same URL again: the agentURI already points there, so no transaction.
    const again = await start({ WORKER_PUBLIC_URL: publicUrl });
    expect(await onChainUri(again.agentId)).toBe(`${publicUrl}${WORKER_REGISTRATION_PATH}`);
    expect(again.output()).not.toContain("agent URI updated");
    await again.stop();
  });

  it("with WORKER_AGENT_URI: the file is hosted elsewhere and the on-chain URI is left alone", async () => {
    const before = await onChainUri(workers[0]!.agentId);
    const worker = await start({ WORKER_AGENT_URI: "https://agents.example/worker.json" });
    expect(await onChainUri(worker.agentId)).toBe(before);
    expect(worker.output()).not.toContain("agent URI updated");
    await worker.stop();
  });
});
