import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import {
  buildPackageInput,
  computeBinding,
  forward,
  type loadSetup,
  randomSalt,
  setupCircuitPackage,
  terminateCurve,
  verify,
} from "@convergence/zk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureZkSetup } from "../bootstrap/ensureZkSetup.ts";
import { loadServedModels } from "../inference/loadServedModels.ts";
import type { ServedCircuit, ServedModel } from "../inference/types.ts";
import { createLogger } from "../log/createLogger.ts";
import { createProverPool, type ProverPool } from "./createProverPool.ts";

describe("createProverPool: Groth16 proofs of risk-v1 in worker threads", () => {
  let model: ServedModel;
  let pool: ProverPool;
  let verificationKey: Awaited<ReturnType<typeof loadSetup>>["verificationKey"];

  beforeAll(async () => {
    model = (await loadServedModels({ names: ["risk-v1"], home: "/nonexistent-convergence-home" })).get(
      "risk-v1",
    )! as ServedModel;
    // Cached under $CONVERGENCE_HOME/zk after the first run (about 30 s on two cores).
    ({ verificationKey } = await ensureZkSetup({ model, log: createLogger({ level: "silent" }) }));
    pool = createProverPool({ size: 1 });
  }, 600_000);
  afterAll(async () => {
    await pool?.close();
    await terminateCurve();
  });

  it("proves a job in a thread: the outputs are the reference forward pass and the proof verifies", async () => {
    const input = [128n, -320n, 26n, 512n, -1n, 0n, 384n, -512n];
    const salt = randomSalt();
    const binding = computeBinding({
      chainId: 31337,
      escrow: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      jobId: 7n,
      worker: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    });
    const result = await pool.prove({ model: model.name, quantized: model.quantized, input, salt, binding });
    expect(result.output).toEqual(forward({ model: model.quantized, input }).output);
    expect(result.publicSignals.slice(0, 3)).toEqual([
      model.manifest.commitments.model,
      expect.any(String),
      binding.toString(),
    ]);
    expect(result.proveMs).toBeGreaterThan(0);
    expect(
      await verify({ proof: result.proof, publicSignals: result.publicSignals, verificationKey, keepCurve: true }),
    ).toBe(true);
    // A second proof reuses the thread's warm curve.
    const again = await pool.prove({
      model: model.name,
      quantized: model.quantized,
      input,
      salt,
      binding: binding + 1n,
    });
    expect(again.publicSignals[2]).toBe((binding + 1n).toString());
  });

  it("rejects a task the circuit cannot take, naming the problem, and keeps serving", async () => {
    const bad = [40_000n, 0n, 0n, 0n, 0n, 0n, 0n, 0n];
    await expect(
      pool.prove({ model: model.name, quantized: model.quantized, input: bad, salt: 1n, binding: 1n }),
    ).rejects.toThrow(/input\[0\]|40000/);
    expect(pool.busy()).toBe(0);
  });

  it("proves a circuit package's job in a thread, loading the package from its directory", async () => {
    const home = mkdtempSync(join(tmpdir(), "prover-circuit-"));
    try {
      mkdirSync(join(home, "circuits"));
      const example = join(workspaceRoot(), "circuits", "examples", "linear-threshold");
      cpSync(example, join(home, "circuits", "linear-threshold"), { recursive: true });
      const circuit = (await loadServedModels({ names: ["linear-threshold"], home })).get(
        "linear-threshold",
      ) as ServedCircuit;
      const { setup } = await setupCircuitPackage({ pkg: circuit.pkg });
      const input = [256n, -512n, 100n, 0n, 3000n, -7n, 1n, 2n];
      const task = { model: circuit.name, circuitDir: circuit.pkg.dir, input, salt: 4n, binding: 9n };
      const result = await pool.prove(task);
      expect(result.output).toEqual((await buildPackageInput({ pkg: circuit.pkg, input, salt: 4n })).outputs);
      expect(result.publicSignals.slice(0, 3)).toEqual([circuit.commitment.toString(), expect.any(String), "9"]);
      const { verificationKey: circuitKey } = setup;
      expect(
        await verify({
          proof: result.proof,
          publicSignals: result.publicSignals,
          verificationKey: circuitKey,
          keepCurve: true,
        }),
      ).toBe(true);
      await expect(pool.prove({ ...task, input: [1n] })).rejects.toThrow(/takes 8 values, received 1/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
