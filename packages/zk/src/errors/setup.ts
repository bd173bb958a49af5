import { BaseError } from "./base.ts";

export class PtauNotFoundError extends BaseError {
  override name = "PtauNotFoundError";
  constructor({ path }: { path: string }) {
    super(`No powers-of-tau file at ${path}.`, {
      metaMessages: [
        "The development ceremony's file is committed at circuits/ptau/convergence-dev-pot14.ptau: restore it with `git checkout -- circuits/ptau`.",
        "Or pass a prepared ptau from a public ceremony with --ptau <file>.",
      ],
    });
  }
}

export class PtauHashMismatchError extends BaseError {
  override name = "PtauHashMismatchError";
  constructor({ path, expected, received }: { path: string; expected: string; received: string }) {
    super(`The development ptau at ${path} does not match its pinned hash.`, {
      details: `expected sha256 ${expected}, received ${received}`,
      metaMessages: [
        "Restore the committed file with `git checkout -- circuits/ptau`.",
        "If you re-ran scripts/ceremony.ts on purpose, pin the new hash in packages/zk/src/setup/constants.ts.",
      ],
    });
  }
}

export class PtauInvalidError extends BaseError {
  override name = "PtauInvalidError";
  constructor({ path, problem }: { path: string; problem: string }) {
    super(`${path} is not a usable powers-of-tau file: ${problem}.`, {
      metaMessages: [
        "Setup needs a bn128 ptau prepared for phase 2 (`snarkjs powersoftau prepare phase2`).",
        "Public ceremonies publish prepared files, e.g. powersOfTau28_hez_final_<power>.ptau.",
      ],
    });
  }
}

export class PtauTooSmallError extends BaseError {
  override name = "PtauTooSmallError";
  constructor({
    path,
    power,
    required,
    constraints,
  }: { path: string; power: number; required: number; constraints: number }) {
    super(`${path} holds 2^${power} powers; this circuit needs 2^${required}.`, {
      details: `${constraints} constraints plus public signals`,
      metaMessages: [`Pass a prepared ptau of power ${required} or more with --ptau <file>.`],
    });
  }
}

export class ZkeyWithoutContributionError extends BaseError {
  override name = "ZkeyWithoutContributionError";
  constructor({ path }: { path: string }) {
    super(`The proving key ${path} has no phase-2 contribution.`, {
      details: "its delta is still the generator: anyone can forge proofs against it",
      metaMessages: ["Run `convergence zk setup --model <name>` to make a key with a contribution and a beacon."],
    });
  }
}

export class SetupMissingError extends BaseError {
  override name = "SetupMissingError";
  constructor({ circuit, dir }: { circuit: string; dir: string }) {
    super(`Circuit ${circuit} has no trusted setup yet.`, {
      details: `no proving key in ${dir}`,
      metaMessages: ["Run `convergence zk setup --model <name>` first (about a minute per shape)."],
    });
  }
}
