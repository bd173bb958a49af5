/// <reference path="./types/snarkjs.d.ts" />
// The browser-safe part of @convergence/zk (no node: modules): what the dashboard needs to name, hash and verify a
// proof read from the chain. Each export is the same function the Node entry exports.

export type { Groth16Proof, VerificationKey } from "snarkjs";
export { BaseError, type BaseErrorParameters } from "./errors/base.ts";
export { MalformedProofError, ProofModelMismatchError } from "./errors/proof.ts";
export { FIELD_MODULUS } from "./fixedPoint/constants.ts";
export { fromField } from "./proof/fromField.ts";
export { type Groth16Calldata, parseCalldata } from "./proof/parseCalldata.ts";
export { type ParseProofParameters, type ParseProofReturnType, parseProof } from "./proof/parseProof.ts";
export {
  type ProofFromCalldataParameters,
  type ProofFromCalldataReturnType,
  proofFromCalldata,
} from "./proof/proofFromCalldata.ts";
export {
  type PublicSignalNamesParameters,
  type PublicSignalNamesReturnType,
  publicSignalNames,
} from "./proof/publicSignalNames.ts";
export { type VerifyParameters, type VerifyReturnType, verify } from "./proof/verify.ts";
export { hashVerificationKey } from "./verifier/hashVerificationKey.ts";
