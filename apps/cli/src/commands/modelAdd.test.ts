import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Deployment,
  devnetAccounts,
  devnetRoleAccount,
  modelRegistryAbi,
  writeDeployment,
} from "@convergence/contracts";
import { deployStack, type StartNodeReturnType, startNode } from "@convergence/devnet";
import { buildFloatOnnx } from "@convergence/models";
import { workspaceRoot } from "@convergence/paths";
import { createClients, getModel, type ReadClient } from "@convergence/sdk";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addModel } from "./modelAdd.ts";

const layer = (rows: number, cols: number, relu: boolean, shift: number) => ({
  weights: Array.from({ length: rows }, (_, j) =>
    Array.from({ length: cols }, (_, i) => ((i + 2 * j + shift) % 7) / 10 - 0.3),
  ),
  bias: Array.from({ length: rows }, (_, j) => (j - shift) / 20),
  relu,
});

/** addModel in-process on a live node; the end-to-end flow with a worker is test/cli/modelAdd.test.ts. */
describe("addModel", () => {
  let node: StartNodeReturnType;
  let deployment: Deployment;
  let publicClient: ReadClient;
  let dir: string;
  let home: string;
  let onnx: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cli-model-add-"));
    node = await startNode({ port: 0 });
    const accounts = devnetAccounts({ count: 1 });
    const client = createClients({ rpcUrl: node.url, chainId: 31337, account: accounts[0]! }).walletClient!;
    deployment = await deployStack({ client, fund: [] });
    ({ publicClient } = createClients({ rpcUrl: node.url, chainId: 31337 }));
    writeDeployment({ deployment, dir: join(dir, "deployments") });
    onnx = join(dir, "mlp.onnx");
    writeFileSync(onnx, buildFloatOnnx({ model: { layers: [layer(8, 4, true, 0), layer(2, 8, false, 0)] } }));
  });
  afterAll(async () => {
    await node?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    // A fresh models directory; the zk cache is the repository's (a shape is set up once per machine).
    home = mkdtempSync(join(dir, "home-"));
    const zkCache = join(workspaceRoot(), ".convergence", "zk");
    mkdirSync(zkCache, { recursive: true });
    symlinkSync(zkCache, join(home, "zk"));
    vi.stubEnv("CONVERGENCE_HOME", home);
    vi.stubEnv("CONVERGENCE_DEPLOYMENTS_DIR", join(dir, "deployments"));
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });
  const modelCount = () =>
    publicClient.readContract({
      address: deployment.contracts.ModelRegistry,
      abi: modelRegistryAbi,
      functionName: "modelCount",
    });

  it("registers a model once: the same weights again answer the same registration", async () => {
    const first = await addModel({ path: onnx, name: "unit-mlp", rpcUrl: node.url, quiet: true });
    expect(first).toMatchObject({ name: "unit-mlp", shape: [4, 8, 2], registered: true, modelId: 1n });
    expect(first.verifier.source).toBe("deployed");
    const onChain = await getModel({
      client: publicClient,
      registry: deployment.contracts.ModelRegistry,
      modelId: first.modelId,
    });
    expect(onChain).toMatchObject({ commitment: first.commitment, verifier: first.verifier.address, numOutputs: 2 });
    // Registered by the publisher (devnet #3), the registrant workers serve; not the deployer (#0).
    expect(onChain.owner).toBe(devnetRoleAccount({ role: "publisher" }).address);
    // ... whose signed contribution the proving key carries: the worker never made this setup.
    const record = JSON.parse(readFileSync(join(home, "zk", first.circuit, "setup.json"), "utf8"));
    expect(record.attestations.map((a: { contributor: string }) => a.contributor)).toContain(
      devnetRoleAccount({ role: "publisher" }).address,
    );
    expect(readdirSync(join(home, "models"))).toEqual(["unit-mlp"]);

    const again = await addModel({ path: onnx, name: "unit-mlp", rpcUrl: node.url, quiet: true });
    expect(again).toMatchObject({ modelId: first.modelId, registered: false, setup: "reused" });
    expect(again.verifier).toEqual({ address: first.verifier.address, source: "registration" });
    expect(await modelCount()).toBe(1n);
    expect(readdirSync(home).filter((entry) => entry.startsWith(".model-add-"))).toEqual([]);
  });

  it("refuses a chain that is down before touching CONVERGENCE_HOME", async () => {
    rmSync(home, { recursive: true });
    await expect(addModel({ path: onnx, name: "unit-mlp", rpcUrl: "http://127.0.0.1:9" })).rejects.toMatchObject({
      name: "RpcUnreachableError",
      message: expect.stringMatching(/pnpm chain/),
    });
    expect(existsSync(home)).toBe(false);
  });

  it("refuses a malformed PUBLISHER_PRIVATE_KEY, naming it, before touching CONVERGENCE_HOME", async () => {
    rmSync(home, { recursive: true });
    const count = await modelCount();
    vi.stubEnv("PUBLISHER_PRIVATE_KEY", "0x1234");
    await expect(addModel({ path: onnx, name: "unit-mlp", rpcUrl: node.url })).rejects.toMatchObject({
      name: "AccountSettingError",
      message: expect.stringMatching(/PUBLISHER_PRIVATE_KEY.*expected 0x followed by 64 hex digits/),
    });
    expect(existsSync(home)).toBe(false);
    expect(await modelCount()).toBe(count);
  });

  it("refuses a chain without a deployment record, and a record whose ModelRegistry has no code", async () => {
    vi.stubEnv("CONVERGENCE_DEPLOYMENTS_DIR", join(dir, "nowhere"));
    await expect(addModel({ path: onnx, name: "unit-mlp", rpcUrl: node.url })).rejects.toMatchObject({
      name: "DeploymentNotFoundError",
    });
    const stale = join(dir, "stale");
    writeDeployment({
      deployment: {
        ...deployment,
        contracts: { ...deployment.contracts, ModelRegistry: "0x000000000000000000000000000000000000dEaD" },
      },
      dir: stale,
    });
    vi.stubEnv("CONVERGENCE_DEPLOYMENTS_DIR", stale);
    await expect(addModel({ path: onnx, name: "unit-mlp", rpcUrl: node.url })).rejects.toThrow(
      /ModelRegistry 0x000000000000000000000000000000000000dEaD of chain 31337 has no code.*\n.*convergence deploy/,
    );
    expect(existsSync(join(home, "models"))).toBe(false);
  });

  it("refuses a name taken by different weights unless --force, and leaves the local model as it was", async () => {
    await addModel({ path: onnx, name: "unit-mlp", rpcUrl: node.url, quiet: true });
    const retrained = join(dir, "retrained.onnx");
    writeFileSync(retrained, buildFloatOnnx({ model: { layers: [layer(8, 4, true, 3), layer(2, 8, false, 3)] } }));
    const count = await modelCount();
    await expect(addModel({ path: retrained, name: "unit-mlp", rpcUrl: node.url, quiet: true })).rejects.toThrow(
      /"unit-mlp" is already imported with different weights/,
    );
    expect(await modelCount()).toBe(count);
    const forced = await addModel({ path: retrained, name: "unit-mlp", force: true, rpcUrl: node.url, quiet: true });
    expect(forced).toMatchObject({ registered: true, setup: "reused", modelId: count + 1n });
    expect(forced.verifier.source).toBe("reused");
  });
});
