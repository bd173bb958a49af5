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
