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
      metaMessages: [
        "As the model's publisher, run `convergence zk setup --model <name>` (an MLP) or `convergence zk setup --circuit <dir>` (a circuit package) first: tens of seconds per shape, none for a model that ships published keys.",
      ],
    });
  }
}

export class PublishedKeyHashMismatchError extends BaseError {
  override name = "PublishedKeyHashMismatchError";
  constructor({ path, expected, received }: { path: string; expected: string; received: string }) {
    super(`The published key ${path} does not match the hash pinned in the model's manifest.`, {
      details: `expected ${expected}, received ${received}`,
      metaMessages: [
        "Restore the committed keys with `git checkout -- packages/models/assets` (no phase 2 is run in their place).",
        "If you regenerated them on purpose, scripts/publish-model-keys.ts pins the new hashes in the manifest.",
      ],
    });
  }
}

export class PublishedKeysMissingError extends BaseError {
  override name = "PublishedKeysMissingError";
  constructor({ dir, missing }: { dir: string; missing: string[] }) {
    super(`The published keys folder ${dir} is incomplete: ${missing.join(", ")} missing.`, {
      details: "expected circuit_final.zkey, verification_key.json and setup.json",
      metaMessages: ["Restore the committed keys with `git checkout -- packages/models/assets`."],
    });
  }
}

export class PublishedKeyCircuitMismatchError extends BaseError {
  override name = "PublishedKeyCircuitMismatchError";
  constructor({ dir, expected, received }: { dir: string; expected: string; received: string }) {
    super(`The published keys in ${dir} were made for another circuit than the one compiled here.`, {
      details: `the keys are for circuit ${received}; this machine compiles ${expected} (templates or compiler changed)`,
      metaMessages: [
        "Regenerate them with `pnpm exec tsx scripts/publish-model-keys.ts --model <name>` and commit the result.",
      ],
    });
  }
}

export class PublishedKeyInstalledError extends BaseError {
  override name = "PublishedKeyInstalledError";
  constructor({ circuit, dir, reason, hint }: { circuit: string; dir: string; reason: string; hint?: string }) {
    super(`Circuit ${circuit} uses the model's published proving key: ${reason}.`, {
      details: `the published key is in ${dir} and setup never overwrites it`,
      metaMessages: [
        hint ?? "To run your own phase 2 for this shape, use another CONVERGENCE_HOME or delete that directory first.",
      ],
    });
  }
}

export class ContributionNotFoundError extends BaseError {
  override name = "ContributionNotFoundError";
  constructor({ path, index, count }: { path: string; index: number; count: number }) {
    super(`The proving key ${path} has no phase-2 contribution #${index}.`, {
      details: `it records ${count} contribution${count === 1 ? "" : "s"}, numbered from 1`,
      metaMessages: ["Attest a contribution that the key records (readZkeyContributions lists them)."],
    });
  }
}

export class SetupRecordMissingError extends BaseError {
  override name = "SetupRecordMissingError";
  constructor({ dirs }: { dirs: string[] }) {
    super("No setup.json beside the proving key: the circuit key to attest is unknown.", {
      details: `looked in ${dirs.join(", ")}`,
      metaMessages: ["Pass `circuitKey` (the circuit's cache key, e.g. mlp_8_16_3_s8-15e23f539bb3)."],
    });
  }
}
