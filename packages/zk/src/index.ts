/// <reference path="./types/circomlibjs.d.ts" />
/// <reference path="./types/snarkjs.d.ts" />
// (Consumers typecheck these sources directly: the references carry the untyped modules' declarations.)

export type { VerificationKey } from "snarkjs";
export {
  type CompileCircuitParameters,
  type CompileCircuitReturnType,
  type CompiledCircuit,
  compileCircuit,
} from "./circuit/compileCircuit.ts";
export {
  type GenerateCircuitSourceParameters,
  type GenerateCircuitSourceReturnType,
  generateCircuitSource,
} from "./circuit/generateCircuitSource.ts";
export { type LayerQuotientBitsParameters, layerQuotientBits } from "./circuit/layerQuotientBits.ts";
export { loadWitnessCalculator, type WitnessCalculator } from "./circuit/loadWitnessCalculator.ts";
export { type ReadR1csInfoReturnType, readR1csInfo } from "./circuit/readR1csInfo.ts";
export { type RunCircomParameters, type RunCircomReturnType, runCircom } from "./circuit/runCircom.ts";
export {
  type BuildPackageInputParameters,
  type BuildPackageInputReturnType,
  buildPackageInput,
} from "./circuitPackage/buildPackageInput.ts";
export {
  type CheckCircuitReferenceParameters,
  type CheckCircuitReferenceReturnType,
  checkCircuitReference,
} from "./circuitPackage/checkCircuitReference.ts";
export { type CircuitManifest, circuitManifestSchema } from "./circuitPackage/circuitManifestSchema.ts";
export {
  type CircuitPackageRegistrationRecordParameters,
  type CircuitPackageRegistrationRecordReturnType,
  circuitPackageRegistrationRecord,
} from "./circuitPackage/circuitPackageRegistrationRecord.ts";
export {
  type CompileCircuitPackageParameters,
  type CompileCircuitPackageReturnType,
  compileCircuitPackage,
} from "./circuitPackage/compileCircuitPackage.ts";
export {
  INPUT_BUILDER_EXPORT,
  type LoadCircuitPackageParameters,
  type LoadCircuitPackageReturnType,
  loadCircuitPackage,
} from "./circuitPackage/loadCircuitPackage.ts";
export {
  type ProveCircuitPackageParameters,
  type ProveCircuitPackageReturnType,
  proveCircuitPackage,
} from "./circuitPackage/proveCircuitPackage.ts";
export {
  type ReadPublicSignalNamesParameters,
  type ReadPublicSignalNamesReturnType,
  readPublicSignalNames,
} from "./circuitPackage/readPublicSignalNames.ts";
export {
  type SetupCircuitPackageParameters,
  type SetupCircuitPackageReturnType,
  setupCircuitPackage,
} from "./circuitPackage/setupCircuitPackage.ts";
export type {
  CircuitInputBuilder,
  CircuitPackage,
  CircuitRequest,
  CircuitRequestResult,
  ParameterValue,
} from "./circuitPackage/types.ts";
export { type CommitInputParameters, type CommitInputReturnType, commitInput } from "./commitment/commitInput.ts";
export { type CommitModelParameters, type CommitModelReturnType, commitModel } from "./commitment/commitModel.ts";
export {
  type ComputeBindingParameters,
  type ComputeBindingReturnType,
  computeBinding,
} from "./commitment/computeBinding.ts";
export * from "./commitment/constants.ts";
export { type PackValuesParameters, type PackValuesReturnType, packValues } from "./commitment/packValues.ts";
export { type RandomSaltReturnType, randomSalt } from "./commitment/randomSalt.ts";
export { type SpongeHashParameters, type SpongeHashReturnType, spongeHash } from "./commitment/spongeHash.ts";
export { BaseError, type BaseErrorParameters } from "./errors/base.ts";
export { CircuitCompileError } from "./errors/circuit.ts";
export {
  CircuitInputError,
  CircuitPackageInvalidError,
  InputBuilderError,
  PublicSignalsMismatchError,
  ReferenceMismatchError,
} from "./errors/circuitPackage.ts";
export { InvalidSaltError } from "./errors/commitment.ts";
export { BinaryFileError } from "./errors/files.ts";
export { InvalidScaleError, ShapeMismatchError, ValueOutOfRangeError } from "./errors/fixedPoint.ts";
export { InvalidBindingError, MalformedProofError, ProofModelMismatchError, WitnessError } from "./errors/proof.ts";
export {
  ContributionNotFoundError,
  PtauHashMismatchError,
  PtauInvalidError,
  PtauNotFoundError,
  PtauTooSmallError,
  PublishedKeyCircuitMismatchError,
  PublishedKeyHashMismatchError,
  PublishedKeyInstalledError,
  PublishedKeysMissingError,
  SetupMissingError,
  SetupRecordMissingError,
  ZkeyWithoutContributionError,
} from "./errors/setup.ts";
export {
  InvalidCodeError,
  InvalidContractNameError,
  InvalidVerificationKeyError,
  VerifierCompileError,
} from "./errors/verifier.ts";
export {
  type ReadBinSectionsParameters,
  type ReadBinSectionsReturnType,
  readBinSections,
} from "./files/readBinSections.ts";
export { type WithFileLockParameters, withFileLock } from "./files/withFileLock.ts";
export * from "./fixedPoint/constants.ts";
export { floorDiv } from "./fixedPoint/floorDiv.ts";
export { type ForwardParameters, type ForwardReturnType, forward } from "./fixedPoint/forward.ts";
export { type QuantizeValueParameters, quantizeValue } from "./fixedPoint/quantizeValue.ts";
export type { FloatLayer, FloatMlp, QuantizedLayer, QuantizedMlp } from "./fixedPoint/types.ts";
export { type FlattenModelParameters, type FlattenModelReturnType, flattenModel } from "./mlp/flattenModel.ts";
export { type ModelShapeParameters, type ModelShapeReturnType, modelShape } from "./mlp/modelShape.ts";
export { circuitsDir } from "./paths/circuitsDir.ts";
export { type ZkCacheDirParameters, zkCacheDir } from "./paths/zkCacheDir.ts";
export { type BuildCircuitInputParameters, buildCircuitInput, type CircuitInput } from "./proof/buildCircuitInput.ts";
export { fromField } from "./proof/fromField.ts";
export { type Groth16Calldata, parseCalldata } from "./proof/parseCalldata.ts";
export { type ParseProofParameters, type ParseProofReturnType, parseProof } from "./proof/parseProof.ts";
export {
  type ProofFromCalldataParameters,
  type ProofFromCalldataReturnType,
  proofFromCalldata,
} from "./proof/proofFromCalldata.ts";
export { type ProveParameters, type ProveReturnType, prove } from "./proof/prove.ts";
export { type ProveWitnessParameters, type ProveWitnessReturnType, proveWitness } from "./proof/proveWitness.ts";
export {
  type PublicSignalNamesParameters,
  type PublicSignalNamesReturnType,
  publicSignalNames,
} from "./proof/publicSignalNames.ts";
export { toField } from "./proof/toField.ts";
export { type VerifyParameters, type VerifyReturnType, verify } from "./proof/verify.ts";
export { assertZkeyContributed } from "./setup/assertZkeyContributed.ts";
export {
  type AttestContributionParameters,
  type AttestContributionReturnType,
  attestContribution,
  type ContributionAttestation,
} from "./setup/attestContribution.ts";
export { type CheckPtauParameters, type CheckPtauReturnType, checkPtau } from "./setup/checkPtau.ts";
export { DEV_PTAU_POWER, DEV_PTAU_SHA256, PHASE2_BEACON_ITERATIONS_EXP } from "./setup/constants.ts";
export {
  type ContributeSetupParameters,
  type ContributeSetupReturnType,
  contributeSetup,
} from "./setup/contributeSetup.ts";
export { type ContributionMessageParameters, contributionMessage } from "./setup/contributionMessage.ts";
export { createProgress, type OnProgress, type ProgressEvent } from "./setup/createProgress.ts";
export { devPtauPath } from "./setup/devPtauPath.ts";
export { type InspectZkCacheReturnType, inspectZkCache, type ZkCacheEntry } from "./setup/inspectZkCache.ts";
export {
  type InstallPublishedKeysParameters,
  type InstallPublishedKeysReturnType,
  installPublishedKeys,
  type PublishedKeys,
} from "./setup/installPublishedKeys.ts";
export { loadSetup } from "./setup/loadSetup.ts";
export {
  type ModelPinFromSetupParameters,
  type ModelPinFromSetupReturnType,
  modelPinFromSetup,
} from "./setup/modelPinFromSetup.ts";
export { type ReadPtauInfoReturnType, readPtauInfo } from "./setup/readPtauInfo.ts";
export { readSetupRecord } from "./setup/readSetupRecord.ts";
export {
  type ReadZkeyContributionsParameters,
  type ReadZkeyContributionsReturnType,
  readZkeyContributions,
  type ZkeyContribution,
} from "./setup/readZkeyContributions.ts";
export { type ReadZkeyInfoReturnType, readZkeyInfo } from "./setup/readZkeyInfo.ts";
export { requiredPtauPower } from "./setup/requiredPtauPower.ts";
export {
  type SetupCircuitParameters,
  type SetupCircuitReturnType,
  type SetupRecord,
  setupCircuit,
} from "./setup/setupCircuit.ts";
export { type SetupModelParameters, type SetupModelReturnType, setupModel } from "./setup/setupModel.ts";
export {
  type SetupRegistrationParameters,
  type SetupRegistrationReturnType,
  setupRegistration,
} from "./setup/setupRegistration.ts";
export { sha256File } from "./setup/sha256File.ts";
export { snarkjsCliPath } from "./setup/snarkjsCliPath.ts";
export { terminateCurve } from "./setup/terminateCurve.ts";
export {
  type VerifyContributionAttestationsParameters,
  type VerifyContributionAttestationsReturnType,
  verifyContributionAttestations,
} from "./setup/verifyContributionAttestations.ts";
export { type VerifyPtauParameters, type VerifyPtauReturnType, verifyPtau } from "./setup/verifyPtau.ts";
export { type VerifySetupParameters, type VerifySetupReturnType, verifySetup } from "./setup/verifySetup.ts";
export { type ZkToolVersionsReturnType, zkToolVersions } from "./setup/zkToolVersions.ts";
export {
  type CompileVerifierParameters,
  type CompileVerifierReturnType,
  compileVerifier,
} from "./verifier/compileVerifier.ts";
export {
  type ExportVerifierParameters,
  type ExportVerifierReturnType,
  exportVerifier,
} from "./verifier/exportVerifier.ts";
export { hashVerificationKey } from "./verifier/hashVerificationKey.ts";
export { stripCodeMetadata } from "./verifier/stripCodeMetadata.ts";
export { verifierContractName } from "./verifier/verifierContractName.ts";
export {
  type VerifierRuntimeCodeParameters,
  type VerifierRuntimeCodeReturnType,
  verifierRuntimeCode,
} from "./verifier/verifierRuntimeCode.ts";
