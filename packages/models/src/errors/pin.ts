import { BaseError } from "./base.ts";

/** No key to pin a model by on this machine: no published release, and no setup of the model's circuit. */
export class ModelPinNotFoundError extends BaseError {
  override name = "ModelPinNotFoundError";
  constructor({ name, searched }: { name: string; searched: string[] }) {
    super(`No verification key to pin "${name}" by: it ships no published keys and this machine has no setup of it.`, {
      details: `Looked in ${searched.join(" and ")}.`,
      metaMessages: [
        "Pin the model's published release (a release.json from its publisher), or set it up yourself: `convergence zk setup --model <name>` (then register that key).",
      ],
    });
  }
}

/**
 * An imported release's proving key does not replay: snarkjs' `zkey verify` against the circuit's r1cs and the
 * release's ptau failed, so its contributions are not the ones that made its delta (a key assembled from a forged
 * setup plus another key's contribution records fails here).
 */
export class ReleaseKeyInvalidError extends BaseError {
  override name = "ReleaseKeyInvalidError";
  readonly problems: string[];
  constructor({ name, zkey, problems }: { name: string; zkey: string; problems: string[] }) {
    super(`The proving key of "${name}"'s release does not derive from its circuit and ptau: nothing was pinned.`, {
      details: `${zkey}: snarkjs zkey verify reported ${problems.length === 0 ? "no reason" : problems.join("; ")}. Expected a key whose recorded contributions produce its delta.`,
      metaMessages: [
        "Do not pin or register this release: whoever made the key may forge proofs. Ask its publisher for the key it signed, or set the model up yourself (`convergence zk setup --model <name>`).",
      ],
    });
    this.problems = problems;
  }
}

/** The ptau an imported release's setup.json names is not on this machine, so its key cannot be replayed. */
export class ReleasePtauNotFoundError extends BaseError {
  override name = "ReleasePtauNotFoundError";
  constructor({
    name,
    ptau,
    searched,
    problem,
  }: {
    name: string;
    ptau: { path: string; sha256: string; power: number };
    searched: string[];
    /** Set when setup.json names no usable ptau: what is wrong with it. */
    problem?: string;
  }) {
    super(`The ptau "${name}"'s release was made from is not on this machine: its proving key cannot be checked.`, {
      details:
        problem ??
        `Needed: a prepared ptau of power ${ptau.power} with sha256 ${ptau.sha256} (the release names ${ptau.path}). Looked in ${searched.length === 0 ? "no existing file" : searched.join(" and ")}: none has that sha256.`,
      metaMessages: [
        problem === undefined
          ? `Put that ptau at ${ptau.path} (the path the release's keys/setup.json names), then pin again. Nothing was pinned.`
          : "Ask the release's publisher for a keys/setup.json that names the ptau its key was made from. Nothing was pinned.",
      ],
    });
  }
}
