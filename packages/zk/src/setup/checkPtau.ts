import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { PtauHashMismatchError, PtauInvalidError, PtauNotFoundError } from "../errors/setup.ts";
import { DEV_PTAU_SHA256 } from "./constants.ts";
import { devPtauPath } from "./devPtauPath.ts";
import { readPtauInfo } from "./readPtauInfo.ts";
import { sha256File } from "./sha256File.ts";

export type CheckPtauParameters = {
  /** A prepared ptau from another ceremony; defaults to the committed development ceremony. */
  ptau?: string;
  /** The sha256 the file must have; defaults to the pin for the development ptau, none for others. */
  expectedSha256?: string;
};
export type CheckPtauReturnType = {
  path: string;
  sha256: string;
  power: number;
  /** True for the project's development ceremony (circuits/ptau/README.md). */
  development: boolean;
};

/**
 * Checks a phase-1 file before setup: the committed development ptau must match its pinned sha256
 * (another file must match `expectedSha256` when given);
 * any file must be a bn128 ptau prepared for phase 2. A cheap check (hash + header): the full
 * cryptographic verification is `verifyPtau`.
 *
 * @example
 * const { path, power } = await checkPtau({});
 */
export async function checkPtau({ ptau, expectedSha256 }: CheckPtauParameters = {}): Promise<CheckPtauReturnType> {
  const path = resolve(ptau ?? devPtauPath());
  if (!existsSync(path)) throw new PtauNotFoundError({ path });
  const sha256 = await sha256File({ path });
  const expected = expectedSha256 ?? (ptau === undefined ? DEV_PTAU_SHA256 : undefined);
  if (expected !== undefined && sha256 !== expected.toLowerCase()) {
    throw new PtauHashMismatchError({ path, expected, received: sha256 });
  }
  const info = await readPtauInfo({ path });
  if (!info.bn128) throw new PtauInvalidError({ path, problem: "it is not on the bn128 curve" });
  if (!info.prepared) throw new PtauInvalidError({ path, problem: "phase 2 was not prepared" });
  return { path, sha256, power: info.power, development: sha256 === DEV_PTAU_SHA256 };
}
