import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { modelRegistryAbi, usdcAbi, writeDeployment } from "@convergence/contracts";
import { type LaunchWorkerReturnType, launchWorker } from "@convergence/devnet";
import { buildFloatOnnx, createPrng, type FloatOnnxLayout, loadModel } from "@convergence/models";
import { workspaceRoot } from "@convergence/paths";
import { getModel, getWorkerModels } from "@convergence/sdk";
import { type FloatMlp, forward, quantizeValue } from "@convergence/zk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/runCli.ts";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";

// Measured with two files at a time on 2 cores under a load average of 11 to 21 (`vitest --reporter=verbose`): the
// worker test 138 s, the refusals 122 s, the re-add 22 s; the shared setup (four `model add`s) about 450 s at most
// with a cold zk cache (three circuits and phase-2 setups), about 150 s warm. Timeouts are 3x that, a safety net.
const TIMEOUT = 450_000;
const SETUP_TIMEOUT = 1_350_000;

/** A seeded random MLP: ReLU after every layer but the last. */
function randomMlp(widths: number[], seed: number): FloatMlp {
  const prng = createPrng({ seed });
  return {
    layers: widths.slice(1).map((width, k) => ({
      weights: Array.from({ length: width }, () =>
        Array.from({ length: widths[k]! }, () => prng.uniform(-1, 1) / Math.sqrt(widths[k]!)),
      ),
      bias: Array.from({ length: width }, () => prng.uniform(-0.2, 0.2)),
      relu: k < widths.length - 2,
    })),
  };
}

type Added = {
  name: string;
  modelId: string;
  commitment: string;
  circuit: string;
  circuitId: string;
  constraints: number;
  shape: number[];
  scale: number;
  setup: "created" | "reused";
  setupSeconds: number;
  vkeyHash: `0x${string}`;
  verifier: { address: `0x${string}`; source: "deployed" | "reused" | "registration"; contractName?: string };
  registered: boolean;
  accuracyLoss: { samples: number; argmaxAgreement: number; maxAbsError: number; meanAbsError: number };
  directory: string;
  serve: string;
};

/**
 * Issue 6: researchers bring their own ONNX MLPs. Three independently shaped models in different ONNX layouts go
 * through `convergence model add` on a live devnet, one worker serves them all, and a job on each is proven and
 * settled through the escrow. The zk cache is the repository's (keyed by circuit), the models directory is fresh.
 */
describe("convergence model add: your own ONNX MLP, proven and settled on-chain", { timeout: TIMEOUT }, () => {
  let devnet: Devnet;
  let dir: string;
  let home: string;
  let env: Record<string, string>;
  let worker: LaunchWorkerReturnType | undefined;
  const added = new Map<string, Added>();
  const models: { name: string; widths: number[]; layout: FloatOnnxLayout; flatten: boolean; seed: number }[] = [
    { name: "mlp-a", widths: [4, 8, 2], layout: "gemm-transB", flatten: false, seed: 61 },
    { name: "mlp-b", widths: [6, 12, 12, 3], layout: "matmul-add", flatten: true, seed: 62 },
    { name: "mlp-c", widths: [10, 5, 2], layout: "gemm-transB", flatten: true, seed: 63 },
  ];
  const file = (name: string) => join(dir, `${name}.onnx`);
  const modelCount = () =>
    devnet.publicClient.readContract({
      address: devnet.deployment.contracts.ModelRegistry,
      abi: modelRegistryAbi,
      functionName: "modelCount",
    });
  const zkeyOf = (a: Added) => join(home, "zk", a.circuit, "circuit_final.zkey");
  const stat = (path: string) => {
    const { mtimeMs, size, ino } = statSync(path);
    return [mtimeMs, size, ino];
  };
  let countAfterAdd: bigint;
  let countAfterRetrained: bigint;
  let zkeyBeforeRetrained: number[];
  let zkeyAfterRetrained: number[];
  const add = async (args: string[]) => {
    const result = await runCli(["model", "add", ...args, "--json"], env);
    if (result.code !== 0) throw new Error(`model add ${args.join(" ")} failed:\n${result.stderr}`);
    return JSON.parse(result.stdout) as Added;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "model-add-"));
    home = join(dir, "home");
    const zkCache = join(workspaceRoot(), ".convergence", "zk");
    mkdirSync(zkCache, { recursive: true });
    mkdirSync(home);
    symlinkSync(zkCache, join(home, "zk"));
    devnet = await startDevnet();
    writeDeployment({ deployment: devnet.deployment, dir });
    env = { CONVERGENCE_HOME: home, CONVERGENCE_DEPLOYMENTS_DIR: dir, CONVERGENCE_RPC_URL: devnet.url };
    for (const { name, widths, layout, flatten, seed } of models) {
      writeFileSync(
        file(name),
        buildFloatOnnx({
          model: randomMlp(widths, seed),
          layout,
          flattenInput: flatten,
          batch: name === "mlp-c" ? 1 : "batch",
        }),
      );
    }
    // Retrained weights of mlp-a's shape, exported by another tool (MatMul + Add).
    writeFileSync(file("mlp-a-v2"), buildFloatOnnx({ model: randomMlp([4, 8, 2], 71), layout: "matmul-add" }));

    // The expensive part, shared by every test below (circuit, phase-2 setup and verifier per shape; a cold zk cache
    // makes it minutes on a loaded machine): done once here, so a slow run fails here, named, instead of timing out
    // one test half-way and leaving the next ones a half-written registry.
    for (const { name } of models) added.set(name, await add([file(name), "--name", name]));
    countAfterAdd = await modelCount();
    // Retrained weights of an added shape: the setup on disk must be reused untouched.
    zkeyBeforeRetrained = stat(zkeyOf(added.get("mlp-a")!));
    added.set("mlp-a-v2", await add([file("mlp-a-v2"), "--name", "mlp-a-v2"]));
    zkeyAfterRetrained = stat(zkeyOf(added.get("mlp-a")!));
    countAfterRetrained = await modelCount();
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await worker?.stop({ signal: "SIGTERM" });
    await devnet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("adds each shape: circuit, setup, verifier deployed, weights registered on-chain", async () => {
    for (const { name, widths } of models) {
      const result = added.get(name)!;
      expect(result).toMatchObject({
        name,
        shape: widths,
        scale: 8,
        registered: true,
        directory: join(home, "models", name),
      });
      expect(["created", "reused"]).toContain(result.setup);
      expect(result.verifier.source).toBe("deployed");
      expect(result.constraints).toBeGreaterThan(1000);
      expect(result.circuit).toMatch(new RegExp(`^mlp_${widths.join("_")}_`));
      expect(result.accuracyLoss.argmaxAgreement).toBeGreaterThan(0.9);
      expect(result.serve).toBe(`WORKER_MODELS=risk-v1,${name} pnpm worker`);
      const onChain = await getModel({
        client: devnet.publicClient,
        registry: devnet.deployment.contracts.ModelRegistry,
        modelId: BigInt(result.modelId),
      });
      expect(onChain).toMatchObject({
        commitment: BigInt(result.commitment),
        verifier: result.verifier.address,
        numOutputs: widths.at(-1),
        active: true,
        vkeyHash: result.vkeyHash,
        uri: `convergence:model/${name}@1`,
      });
      expect((await loadModel({ name, home })).manifest.commitments.model).toBe(result.commitment);
    }
    expect(new Set(models.map(({ name }) => added.get(name)!.verifier.address)).size).toBe(3);
    expect(countAfterAdd).toBe(3n);
  });

  it("answers the existing registration for the same weights, and reuses the setup and verifier for retrained ones", async () => {
    const a = added.get("mlp-a")!;
    const retrained = added.get("mlp-a-v2")!;
    expect(retrained).toMatchObject({ circuit: a.circuit, vkeyHash: a.vkeyHash, setup: "reused", registered: true });
    expect(retrained.commitment).not.toBe(a.commitment);
    expect(retrained.verifier).toEqual({ address: a.verifier.address, source: "reused" });
    expect(zkeyAfterRetrained).toEqual(zkeyBeforeRetrained);
    expect(countAfterRetrained).toBe(4n);

    const again = await add([file("mlp-a"), "--name", "mlp-a"]);
    expect(again).toMatchObject({ modelId: a.modelId, commitment: a.commitment, registered: false, setup: "reused" });
    expect(again.verifier).toEqual({ address: a.verifier.address, source: "registration" });
    expect(await modelCount()).toBe(countAfterRetrained);
    expect(stat(zkeyOf(a))).toEqual(zkeyBeforeRetrained);
  });

  it("one worker serves every added model; a random input on each is proven, verified through the escrow, and paid", async () => {
    const names = [...added.keys()];
    const countBefore = await modelCount();
    worker = await launchWorker({
      rpcUrl: devnet.url,
      deploymentsDir: dir,
      dbPath: join(dir, "jobs.sqlite"),
      env: { CONVERGENCE_HOME: home, WORKER_MODELS: names.join(",") },
    });
    // The worker found the registrations `model add` made instead of registering again.
    const served = await getWorkerModels({ workerUrl: worker.url });
    for (const name of names) {
      expect(served.find((m) => m.name === name)?.modelId).toBe(added.get(name)!.modelId);
    }
    expect(await modelCount()).toBe(countBefore);

    const usdcOf = (address: `0x${string}`) =>
      devnet.publicClient.readContract({
        address: devnet.deployment.contracts.USDC,
        abi: usdcAbi,
        functionName: "balanceOf",
        args: [address],
      });
    const workerAddress = devnet.accounts[2]!.address;
    const paidBefore = await usdcOf(workerAddress);
    const prng = createPrng({ seed: Date.now() % 100_000 });
    for (const name of names) {
      const { manifest, quantized } = await loadModel({ name, home });
      const input = Array.from({ length: manifest.shape[0]! }, () => Math.round(prng.uniform(-2, 2) * 256) / 256);
      const job = await runCli(
        ["job", "open", "--model", name, "--input", JSON.stringify(input), "--pay", "1", "--json"],
        { ...env, CONVERGENCE_WORKER_URL: worker.url },
      );
      expect(job.code, job.stderr).toBe(0);
      const settled = JSON.parse(job.stdout) as {
        modelId: string;
        attestation: { outputs: string[]; worker: `0x${string}` };
        validation: { response: number };
      };
      // The attestor records an attestation only after the model's verifier accepted the proof.
      expect(settled).toMatchObject({ modelId: added.get(name)!.modelId, validation: { response: 100 } });
      expect(settled.attestation.worker).toBe(workerAddress);
      const reference = forward({
        model: quantized,
        input: input.map((value) => quantizeValue({ value, scale: manifest.scale })),
      }).output;
      expect(settled.attestation.outputs).toEqual(reference.map(String));
    }
    // Each job paid the worker 1 USDC.
    expect(await usdcOf(workerAddress)).toBe(paidBefore + BigInt(names.length) * 1_000_000n);
  });

  it("refuses bad input with the problem and what is supported, and registers nothing", async () => {
    const count = await modelCount();
    const write = (name: string, bytes: Uint8Array) => {
      writeFileSync(file(name), bytes);
      return file(name);
    };
    const refuse = async (args: string[], message: RegExp, name = "bad") => {
      const result = await runCli(["model", "add", ...args], env);
      expect(result.code, result.stdout).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(existsSync(join(home, "models", name))).toBe(false);
      return result;
    };
    const sigmoid = write("sigmoid", buildFloatOnnx({ model: randomMlp([4, 6, 2], 81), activation: "Sigmoid" }));
    const unsupported = await refuse(
      [sigmoid, "--name", "bad"],
      /Unsupported ONNX operator Sigmoid \(node "sigmoid0"\)/,
    );
    expect(unsupported.stderr).toMatch(/Supported: a float32 MLP/);
    expect(unsupported.stderr).toMatch(/Relu after a dense layer/);

    const dynamic = write("dynamic", buildFloatOnnx({ model: randomMlp([4, 6, 2], 82), features: "features" }));
    const shape = await refuse(
      [dynamic, "--name", "bad"],
      /graph input "input" dimension 1: expected a fixed size .* symbolic "features"/,
    );
    expect(shape.stderr).toMatch(/batch 1 or symbolic and every other dimension fixed/);

    const big = randomMlp([4, 6, 2], 83);
    big.layers[0]!.weights[0]![0] = 200;
    const overflow = write("overflow", buildFloatOnnx({ model: big }));
    await refuse([overflow, "--name", "bad", "--scale", "8"], /Scale 8 overflows: .*200 times 2\^8.*16-bit/);

    await refuse([join(dir, "missing.onnx"), "--name", "bad"], /Invalid <file.onnx>.*existing \.onnx file/);
    await refuse(
      [file("mlp-a"), "--name", "bad", "--rpc", "http://127.0.0.1:9"],
      /No JSON-RPC answer from http:\/\/127\.0\.0\.1:9/,
    );
    await refuse([file("mlp-a"), "--name", "risk-v1"], /"risk-v1" already exists/, "risk-v1");
    const taken = await refuse(
      [file("mlp-a-v2"), "--name", "mlp-a"],
      /"mlp-a" is already imported with different weights/,
      "bad",
    );
    expect(taken.stderr).toMatch(/--force/);
    expect((await loadModel({ name: "mlp-a", home })).manifest.commitments.model).toBe(added.get("mlp-a")!.commitment);
    expect(await modelCount()).toBe(count);
    expect(readdirSync(home).filter((entry) => entry.startsWith(".model-add-"))).toEqual([]);

    // --force replaces the local model; these weights are already registered (as mlp-a-v2), so that answers.
    const forced = await add([file("mlp-a-v2"), "--name", "mlp-a", "--force"]);
    expect(forced).toMatchObject({ modelId: added.get("mlp-a-v2")!.modelId, registered: false, setup: "reused" });
    expect((await loadModel({ name: "mlp-a", home })).manifest.commitments.model).toBe(forced.commitment);
    expect(await modelCount()).toBe(count);
  });
});
