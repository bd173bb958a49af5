import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyCircuit } from "../../test/tinyCircuit.ts";
import { ContributionNotFoundError } from "../errors/setup.ts";
import { attestContribution } from "./attestContribution.ts";
import { contributionMessage } from "./contributionMessage.ts";
import { modelPinFromSetup } from "./modelPinFromSetup.ts";
import { readZkeyContributions } from "./readZkeyContributions.ts";
import { type SetupCircuitReturnType, setupCircuit } from "./setupCircuit.ts";
import { terminateCurve } from "./terminateCurve.ts";
import { verifyContributionAttestations } from "./verifyContributionAttestations.ts";

describe("verifyContributionAttestations", () => {
  const publisher = privateKeyToAccount(generatePrivateKey());
  const stranger = privateKeyToAccount(generatePrivateKey());
  let home: string;
  let previousHome: string | undefined;
  let setup: SetupCircuitReturnType;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "zk-attest-"));
    previousHome = process.env["CONVERGENCE_HOME"];
    process.env["CONVERGENCE_HOME"] = home;
    setup = await setupCircuit({ circuit: await tinyCircuit(), contributor: publisher });
  });
  afterAll(async () => {
    if (previousHome === undefined) delete process.env["CONVERGENCE_HOME"];
    else process.env["CONVERGENCE_HOME"] = previousHome;
    await rm(home, { recursive: true, force: true });
    await terminateCurve();
  });

  it("setupCircuit names the contribution after the contributor and records its signature over the key's hash", async () => {
    const contributions = await readZkeyContributions({ path: setup.zkey });
    expect(contributions.map(({ name, type }) => ({ name, type }))).toEqual([
      { name: `convergence:${publisher.address}`, type: "contribution" },
      { name: "Convergence phase-2 beacon", type: "beacon" },
    ]);
    const [attestation] = setup.record.attestations;
    expect(setup.record.attestations).toHaveLength(1);
    expect(attestation).toMatchObject({ index: 1, hash: contributions[0]?.hash, contributor: publisher.address });
    expect(attestation?.signature).toBe(
      await publisher.signMessage({
        message: `Convergence phase-2 contribution\nkey: ${setup.record.key}\nhash: ${contributions[0]?.hash}`,
      }),
    );
    expect(
      await verifyContributionAttestations({
        zkey: setup.zkey,
        attestations: setup.record.attestations,
        circuitKey: setup.record.key,
      }),
    ).toEqual([publisher.address]);
  });

  it("drops attestations that do not hold: another hash, another signer, another circuit key, a missing index, garbage", async () => {
    const [good] = setup.record.attestations;
    if (good === undefined) throw new Error("no attestation");
    const [, beacon] = await readZkeyContributions({ path: setup.zkey });
    const forgedSigner = {
      ...good,
      signature: await stranger.signMessage({
        message: contributionMessage({ circuitKey: setup.record.key, hash: good.hash }),
      }),
    };
    const claimedByStranger = { ...good, contributor: stranger.address };
    const otherHash = { ...good, hash: beacon?.hash ?? good.hash };
    const otherIndex = { ...good, index: 2 };
    const missingIndex = { ...good, index: 7 };
    const garbage = { ...good, signature: "0x1234" as const };
    const verify = (attestations: (typeof good)[], circuitKey = setup.record.key) =>
      verifyContributionAttestations({ zkey: setup.zkey, attestations, circuitKey });
    for (const bad of [forgedSigner, claimedByStranger, otherHash, otherIndex, missingIndex, garbage]) {
      expect(await verify([bad])).toEqual([]);
    }
    expect(await verify([good], "mlp_2_3_1_s4-000000000000")).toEqual([]);
    // A bad attestation beside a good one does not take the good one's place, and duplicates count once.
    expect(await verify([claimedByStranger, good, good])).toEqual([publisher.address]);
  });

  it("attestContribution signs a contribution the key records, and refuses one it does not", async () => {
    const beaconAttestation = await attestContribution({
      zkey: setup.zkey,
      circuitKey: setup.record.key,
      account: stranger,
    });
    expect(beaconAttestation.index).toBe(2);
    expect(
      await verifyContributionAttestations({
        zkey: setup.zkey,
        attestations: [beaconAttestation],
        circuitKey: setup.record.key,
      }),
    ).toEqual([stranger.address]);
    const attempt = attestContribution({ zkey: setup.zkey, index: 3, circuitKey: setup.record.key, account: stranger });
    await expect(attempt).rejects.toThrowError(ContributionNotFoundError);
    await expect(attempt).rejects.toThrowError(/no phase-2 contribution #3.*\n.*records 2 contributions/);
  });

  it("modelPinFromSetup pins the commitment, the verification key and the verified contributors only", async () => {
    const pin = await modelPinFromSetup({ setup, commitment: 42n });
    expect(pin).toEqual({ commitment: 42n, verificationKey: setup.verificationKey, contributors: [publisher.address] });
    const claimed = setup.record.attestations.map((a) => ({ ...a, contributor: stranger.address }));
    const unverified = await modelPinFromSetup({
      setup: { ...setup, record: { ...setup.record, attestations: claimed } },
      commitment: 42n,
    });
    expect(unverified.contributors).toEqual([]);
  });
});
