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
