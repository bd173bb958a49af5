import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyCircuit } from "../../test/tinyCircuit.ts";
import type { CompiledCircuit } from "../circuit/compileCircuit.ts";
import { BinaryFileError } from "../errors/files.ts";
import { SetupRecordMissingError } from "../errors/setup.ts";
import { contributeSetup } from "./contributeSetup.ts";
import { loadSetup } from "./loadSetup.ts";
import { readZkeyContributions } from "./readZkeyContributions.ts";
import { setupCircuit } from "./setupCircuit.ts";
import { terminateCurve } from "./terminateCurve.ts";
import { verifyContributionAttestations } from "./verifyContributionAttestations.ts";

describe("contributeSetup", () => {
  const publisher = privateKeyToAccount(generatePrivateKey());
  const helper = privateKeyToAccount(generatePrivateKey());
  let home: string;
  let previousHome: string | undefined;
  let circuit: CompiledCircuit;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "zk-contribute-"));
    previousHome = process.env["CONVERGENCE_HOME"];
    process.env["CONVERGENCE_HOME"] = home;
    circuit = await tinyCircuit();
  });
  afterAll(async () => {
    if (previousHome === undefined) delete process.env["CONVERGENCE_HOME"];
    else process.env["CONVERGENCE_HOME"] = previousHome;
    await rm(home, { recursive: true, force: true });
    await terminateCurve();
  });

  it("adds a signed contribution in place: new verification key, attestation appended to setup.json", async () => {
    const setup = await setupCircuit({ circuit, contributor: publisher });
    const result = await contributeSetup({ zkey: setup.zkey, account: helper });
    expect(result.zkey).toBe(setup.zkey);
    const contributions = await readZkeyContributions({ path: setup.zkey });
    expect(contributions.map((c) => [c.name, c.type])).toEqual([
      [`convergence:${publisher.address}`, "contribution"],
      ["Convergence phase-2 beacon", "beacon"],
      [`convergence:${helper.address}`, "contribution"],
    ]);
    expect(result.attestation).toMatchObject({ index: 3, hash: contributions[2]?.hash, contributor: helper.address });
    expect(result.verificationKey).not.toEqual(setup.verificationKey);
    const loaded = await loadSetup({ circuit });
    expect(loaded.verificationKey).toEqual(result.verificationKey);
    expect(loaded.record.contributions).toBe(3);
    expect(loaded.record.attestations.map((a) => a.contributor)).toEqual([publisher.address, helper.address]);
    expect(
      await verifyContributionAttestations({
        zkey: loaded.zkey,
        attestations: loaded.record.attestations,
        circuitKey: circuit.key,
      }),
    ).toEqual([publisher.address, helper.address]);
  });

  it("writes to out with the key and verification key beside it; without any setup.json it needs circuitKey", async () => {
    const setup = await setupCircuit({ circuit });
    const bare = join(home, "bare");
    await mkdir(bare);
    const copy = join(bare, "received.zkey");
    await writeFile(copy, await readFile(setup.zkey));
    const attempt = contributeSetup({ zkey: copy, out: join(bare, "next.zkey"), account: helper });
    await expect(attempt).rejects.toThrowError(SetupRecordMissingError);
    await expect(attempt).rejects.toThrowError(/Pass `circuitKey`/);
    expect(existsSync(join(bare, "next.zkey"))).toBe(false);

    const out = join(bare, "next.zkey");
    const result = await contributeSetup({ zkey: copy, out, account: helper, circuitKey: circuit.key, entropy: "x" });
    expect(result.record).toBeUndefined();
    expect(JSON.parse(await readFile(join(bare, "verification_key.json"), "utf8"))).toEqual(result.verificationKey);
    expect(existsSync(join(bare, "setup.json"))).toBe(false);
    expect(
      await verifyContributionAttestations({ zkey: out, attestations: [result.attestation], circuitKey: circuit.key }),
    ).toEqual([helper.address]);
    // The source is untouched.
    expect(await readFile(copy)).toEqual(await readFile(setup.zkey));
  });

  it("refuses a file that is not a proving key and writes nothing", async () => {
    const dir = join(home, "junk");
    await mkdir(dir);
    const junk = join(dir, "junk.zkey");
    await writeFile(junk, "not a key");
    const attempt = contributeSetup({ zkey: junk, account: helper, circuitKey: circuit.key });
    await expect(attempt).rejects.toThrowError(BinaryFileError);
    expect(await readFile(junk, "utf8")).toBe("not a key");
    expect(existsSync(join(dir, "verification_key.json"))).toBe(false);
  });
});
