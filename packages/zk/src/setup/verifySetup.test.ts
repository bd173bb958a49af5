import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyCircuit } from "../../test/tinyCircuit.ts";
import { BinaryFileError } from "../errors/files.ts";
import { PtauNotFoundError } from "../errors/setup.ts";
import { type SetupCircuitReturnType, setupCircuit } from "./setupCircuit.ts";
import { terminateCurve } from "./terminateCurve.ts";
import { verifySetup } from "./verifySetup.ts";

describe("verifySetup", () => {
  const publisher = privateKeyToAccount(generatePrivateKey());
  const stranger = privateKeyToAccount(generatePrivateKey());
  let home: string;
  let previousHome: string | undefined;
  let setup: SetupCircuitReturnType;
  let r1cs: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "zk-verify-setup-"));
    previousHome = process.env["CONVERGENCE_HOME"];
    process.env["CONVERGENCE_HOME"] = home;
    const circuit = await tinyCircuit();
    r1cs = circuit.r1cs;
    setup = await setupCircuit({ circuit, contributor: publisher });
  });
  afterAll(async () => {
    if (previousHome === undefined) delete process.env["CONVERGENCE_HOME"];
    else process.env["CONVERGENCE_HOME"] = previousHome;
    await rm(home, { recursive: true, force: true });
    await terminateCurve();
  });

  it("says a key made from the circuit and the ptau is valid and lists its signed contributor", async () => {
    const result = await verifySetup({ zkey: setup.zkey, r1cs, attestations: setup.record.attestations });
    expect(result.valid).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.contributions).toEqual([
      {
        index: 1,
        name: `convergence:${publisher.address}`,
        hash: setup.record.attestations[0]?.hash,
        type: "contribution",
        contributor: publisher.address,
      },
      expect.objectContaining({ index: 2, type: "beacon" }),
    ]);
    expect(result.contributions[1]).not.toHaveProperty("contributor");
  });

  it("lists no contributor for an attestation whose signer is not the one it claims", async () => {
    const claimed = setup.record.attestations.map((a) => ({ ...a, contributor: stranger.address }));
    const result = await verifySetup({ zkey: setup.zkey, r1cs, attestations: claimed });
    expect(result.valid).toBe(true);
    expect(result.contributions.map((c) => c.contributor)).toEqual([undefined, undefined]);
  });

  it("says a key checked against another circuit's r1cs is invalid", async () => {
    const other = await tinyCircuit({ widths: [3, 2, 1] });
    const result = await verifySetup({ zkey: setup.zkey, r1cs: other.r1cs, attestations: setup.record.attestations });
    expect(result.valid).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
  });

  it("names a missing ptau or a file that is not an r1cs before running snarkjs", async () => {
    await expect(verifySetup({ zkey: setup.zkey, r1cs, ptau: join(home, "none.ptau") })).rejects.toThrowError(
      PtauNotFoundError,
    );
    const junk = join(home, "junk.r1cs");
    await writeFile(junk, "zkey and more bytes");
    await expect(verifySetup({ zkey: setup.zkey, r1cs: junk })).rejects.toThrowError(BinaryFileError);
  });
});
