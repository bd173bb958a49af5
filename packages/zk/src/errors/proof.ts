import { BaseError } from "./base.ts";

export class InvalidBindingError extends BaseError {
  override name = "InvalidBindingError";
  constructor({ binding }: { binding: string }) {
    super(`Binding ${binding} is not a BN254 scalar field element.`, {
      details:
        "expected an integer 0 <= binding < 21888242871839275222246405745257275088548364400416034343698204186575808495617",
      metaMessages: ["Compute it with computeBinding({ chainId, escrow, jobId, worker })."],
    });
  }
}

export class WitnessError extends BaseError {
  override name = "WitnessError";
  constructor({ circuit, cause }: { circuit: string; cause: unknown }) {
    super(`The circuit ${circuit} rejected the witness.`, {
      details: cause instanceof Error ? cause.message.split("\n")[0] : String(cause),
      metaMessages: [
        "The reference forward pass accepted these values, so the circuit and the reference disagree: this is a bug.",
        "Report the model shape and the input.",
      ],
      cause,
    });
  }
}

export class MalformedProofError extends BaseError {
  override name = "MalformedProofError";
  constructor({ reason }: { reason: string }) {
    super(`The proof is malformed: ${reason}.`, {
      metaMessages: [
        "Expected the JSON that `convergence prove --json` prints: { proof: { pi_a, pi_b, pi_c, protocol, curve }, publicSignals: [decimal strings], ... }.",
      ],
    });
  }
}

export class ProofModelMismatchError extends BaseError {
  override name = "ProofModelMismatchError";
  constructor({ expected, received, what }: { expected: string; received: string; what: string }) {
    super(`The proof is for another ${what}: expected ${expected}, received ${received}.`, {
      metaMessages: ["Verify it against the model it was made for (its public signals name its commitment)."],
    });
  }
}
