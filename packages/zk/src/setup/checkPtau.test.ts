import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PtauHashMismatchError, PtauInvalidError, PtauNotFoundError } from "../errors/setup.ts";
import { checkPtau } from "./checkPtau.ts";
import { DEV_PTAU_POWER, DEV_PTAU_SHA256 } from "./constants.ts";
import { devPtauPath } from "./devPtauPath.ts";
import { readPtauInfo } from "./readPtauInfo.ts";

describe("checkPtau", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "zk-ptau-"));
    await copyFile(devPtauPath(), join(dir, "copy.ptau"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("accepts the committed development ptau: it matches the pinned sha256", async () => {
    const result = await checkPtau();
    expect(result).toEqual({ path: devPtauPath(), sha256: DEV_PTAU_SHA256, power: DEV_PTAU_POWER, development: true });
    expect(await readPtauInfo({ path: devPtauPath() })).toEqual({
      power: 14,
      ceremonyPower: 14,
      prepared: true,
      bn128: true,
    });
  });

  it("refuses a missing file and a file that is not a ptau", async () => {
    await expect(checkPtau({ ptau: join(dir, "none.ptau") })).rejects.toThrowError(PtauNotFoundError);
    const junk = join(dir, "junk.ptau");
    await writeFile(junk, "not a ptau file at all");
    await expect(checkPtau({ ptau: junk })).rejects.toThrowError(PtauInvalidError);
  });

  it("accepts another prepared ptau without the pin, and flags it as not the development one", async () => {
    const copy = join(dir, "copy.ptau");
    // Same bytes, so still recognized as the development ceremony by hash.
    expect((await checkPtau({ ptau: copy })).development).toBe(true);
    // A truncated file fails the header walk.
    const truncated = join(dir, "truncated.ptau");
    await writeFile(truncated, (await readFile(devPtauPath())).subarray(0, 4096));
    await expect(checkPtau({ ptau: truncated })).rejects.toThrowError(/truncated|past the end/);
  });

  it("refuses a file that does not match the expected hash, saying what to do", async () => {
    const copy = join(dir, "copy.ptau");
    const wrong = "00".repeat(32);
    await expect(checkPtau({ ptau: copy, expectedSha256: wrong })).rejects.toThrowError(PtauHashMismatchError);
    await expect(checkPtau({ ptau: copy, expectedSha256: wrong })).rejects.toThrowError(
      new RegExp(`expected sha256 ${wrong}, received ${DEV_PTAU_SHA256}[\\s\\S]*git checkout -- circuits/ptau`),
    );
    expect((await checkPtau({ ptau: copy, expectedSha256: DEV_PTAU_SHA256.toUpperCase() })).sha256).toBe(
      DEV_PTAU_SHA256,
    );
  });
});
