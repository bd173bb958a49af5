import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zKey } from "snarkjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyCircuit } from "../../test/tinyCircuit.ts";
import { BinaryFileError } from "../errors/files.ts";
import { devPtauPath } from "./devPtauPath.ts";
import { readZkeyContributions } from "./readZkeyContributions.ts";
import { terminateCurve } from "./terminateCurve.ts";

describe("readZkeyContributions", () => {
  let home: string;
  let previousHome: string | undefined;
  let plain: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "zk-contributions-"));
    previousHome = process.env["CONVERGENCE_HOME"];
    process.env["CONVERGENCE_HOME"] = home;
    plain = join(home, "plain.zkey");
    await zKey.newZKey((await tinyCircuit()).r1cs, devPtauPath(), plain);
  });
  afterAll(async () => {
    if (previousHome === undefined) delete process.env["CONVERGENCE_HOME"];
    else process.env["CONVERGENCE_HOME"] = previousHome;
    await rm(home, { recursive: true, force: true });
    await terminateCurve();
  });

  it("lists each contribution with the hash snarkjs returns for it, names and types", async () => {
    const k0 = plain;
    const [k1, k2, k3] = [1, 2, 3].map((n) => join(home, `k${n}.zkey`)) as [string, string, string];
    expect(await readZkeyContributions({ path: k0 })).toEqual([]);
    const first = await zKey.contribute(k0, k1, "convergence:0x0000000000000000000000000000000000000001", "a");
    const second = await zKey.contribute(k1, k2, "", "b");
    const beacon = await zKey.beacon(k2, k3, "beacon", "ab".repeat(32), 10);
    await terminateCurve();
    const hex = (bytes: Uint8Array | false) => `0x${Buffer.from(bytes as Uint8Array).toString("hex")}`;
    expect(await readZkeyContributions({ path: k3 })).toEqual([
      {
        index: 1,
        name: "convergence:0x0000000000000000000000000000000000000001",
        hash: hex(first),
        type: "contribution",
      },
      { index: 2, name: "", hash: hex(second), type: "contribution" },
      { index: 3, name: "beacon", hash: hex(beacon), type: "beacon" },
    ]);
    expect(hex(first)).toMatch(/^0x[0-9a-f]{128}$/);
    expect(new Set([hex(first), hex(second), hex(beacon)]).size).toBe(3);
  });

  it("refuses a file that is not a zkey or is cut short, naming the problem", async () => {
    const notKey = join(home, "not.zkey");
    await writeFile(notKey, "r1cs\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000");
    await expect(readZkeyContributions({ path: notKey })).rejects.toThrowError(BinaryFileError);
    await expect(readZkeyContributions({ path: notKey })).rejects.toThrowError(/does not start with "zkey"/);
    const whole = await readFile(plain);
    const cut = join(home, "cut.zkey");
    await writeFile(cut, whole.subarray(0, whole.length - 100));
    await expect(readZkeyContributions({ path: cut })).rejects.toThrowError(/truncated/);
  });
});
