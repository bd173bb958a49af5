import { copyFile, mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBinSections } from "../files/readBinSections.ts";
import type { ProgressEvent } from "./createProgress.ts";
import { devPtauPath } from "./devPtauPath.ts";
import { verifyPtau } from "./verifyPtau.ts";

/** The full cryptographic check of the committed ceremony (about 15 s here): contributions, beacon, phase 2. */
describe("verifyPtau", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "zk-verify-ptau-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("verifies the committed development ceremony, naming its contributions and beacon", async () => {
    const events: ProgressEvent[] = [];
    expect(await verifyPtau({ onProgress: (event) => events.push(event) })).toBe(true);
    const log = events.map((event) => event.message).join("\n");
    expect(log).toMatch(/Convergence dev contributor 1/);
    expect(log).toMatch(/Convergence dev contributor 2/);
    expect(log).toMatch(/Convergence dev beacon/);
    expect(log).toMatch(/Powers of Tau Ok!/);
  });

  it("rejects a copy whose prepared phase-2 points were altered", async () => {
    const copy = join(dir, "altered.ptau");
    await copyFile(devPtauPath(), copy);
    // Swap two Lagrange-basis points of tauG1 (section 12): every point stays on the curve, the check must still fail.
    const { sections } = await readBinSections({ path: copy, magic: "ptau", load: [] });
    const lagrange = sections.get(12)!;
    const file = await open(copy, "r+");
    const a = Buffer.alloc(64);
    const b = Buffer.alloc(64);
    await file.read(a, 0, 64, lagrange.position + 64 * 3);
    await file.read(b, 0, 64, lagrange.position + 64 * 5);
    await file.write(b, 0, 64, lagrange.position + 64 * 3);
    await file.write(a, 0, 64, lagrange.position + 64 * 5);
    await file.close();
    expect(await verifyPtau({ ptau: copy })).toBe(false);
  });
});
