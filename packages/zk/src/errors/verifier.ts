import { BaseError } from "./base.ts";

export class InvalidContractNameError extends BaseError {
  override name = "InvalidContractNameError";
  constructor({ model }: { model: string }) {
    super(`Model name "${model}" does not give a Solidity contract name.`, {
      metaMessages: ["Use letters, digits and dashes, starting with a letter (e.g. risk-v1)."],
    });
  }
}

export class VerifierCompileError extends BaseError {
  override name = "VerifierCompileError";
  constructor({ contractName, errors }: { contractName: string; errors: string[] }) {
    super(`solc could not compile ${contractName}.`, {
      details: errors.join("\n"),
      metaMessages: ["The source should be a verifier exported by exportVerifier; re-export it."],
    });
  }
}

export class InvalidCodeError extends BaseError {
  override name = "InvalidCodeError";
  constructor({ code }: { code: string }) {
    super(`Contract code "${code.slice(0, 20)}${code.length > 20 ? "…" : ""}" is not 0x-prefixed hex bytes.`, {
      metaMessages: ["Pass the code as eth_getCode returns it (viem's getCode), or a compiler's bytecode."],
    });
  }
}

export class InvalidVerificationKeyError extends BaseError {
  override name = "InvalidVerificationKeyError";
  readonly field: string;
  constructor({ field, expected }: { field: string; expected: string }) {
    super(`The verification key's ${field} is not ${expected}.`, {
      metaMessages: [
        "Use a Groth16 verification key as snarkjs exports it (verification_key.json of a setup, or a published release's key).",
      ],
    });
    this.field = field;
  }
}
