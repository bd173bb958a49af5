// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Inference attestor
/// @notice Checks a Groth16 proof of a model's forward pass through that model's verifier and records the result as
/// an attestation. A proof's public signals are, in order, [modelCommitment, inputCommitment, binding, outputs...];
/// the binding, recomputed here as
/// `uint256(keccak256(abi.encode(block.chainid, escrow, jobId, worker))) % r` (r: the BN254 scalar field modulus),
/// ties the proof to one job of one escrow and to the worker that submits it, so it can be neither replayed for
/// another job nor taken from the mempool by another worker. After a proof verifies, the attestor, as an ERC-8004
/// validator, files a validation request for the worker's agent (as the worker, through the ValidationRegistry's
/// trusted-forwarder path) and answers it with 100.
/// @dev Serves exactly one InferenceEscrow, fixed at deployment; only it may call `attest`. An attestation is keyed
/// by the escrow's job id (one attestation per job). Outputs arrive as field elements and are recorded as int256:
/// values above (r - 1) / 2 are negative, x - r. The input commitment is not stored twice: it is read back from the
/// escrow's job record, which never changes once the job is fulfilled.
/// A job is judged by the registration in force when it opened: the escrow refuses to open a job for a retired
/// model, and `attest` does not look at `active`, so retiring a model stops new jobs only. A registration's
/// commitment, verifier and output count never change (IModelRegistry), so the model read here is the one the
/// requester opened the job for, and nobody can make a proven fulfilment revert (and the job then refund) by retiring
/// the model after the job opened.
interface IInferenceAttestor {
    // -------------------------------------------------------------------------------------------------------------
    // Types
    // -------------------------------------------------------------------------------------------------------------

    /// @notice A Groth16 proof as snarkjs exports it for Solidity (`exportSolidityCallData`): A, B (coordinates in
    /// the verifier's order), C. ABI-encoded exactly like the three static arrays the verifier takes.
    struct Proof {
        uint256[2] a;
        uint256[2][2] b;
        uint256[2] c;
    }

    /// @notice A recorded attestation, as `getAttestation` returns it.
    /// @param validationRequestHash The ERC-8004 request this attestation answered in the ValidationRegistry.
    struct Attestation {
        uint256 jobId;
        uint256 modelId;
        uint256 inputCommitment;
        int256[] outputs;
        address worker;
        uint256 timestamp;
        bytes32 validationRequestHash;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Events
    // -------------------------------------------------------------------------------------------------------------

    /// @notice A proof for job `jobId` of model `modelId` by `worker` (agent `workerAgentId`) verified; `outputs` are
    /// the attested model outputs, and `validationRequestHash` the ERC-8004 request answered with 100.
    event InferenceAttested(
        uint256 indexed jobId,
        uint256 indexed modelId,
        address indexed worker,
        uint256 workerAgentId,
        uint256 inputCommitment,
        int256[] outputs,
        bytes32 validationRequestHash
    );

    // -------------------------------------------------------------------------------------------------------------
    // Errors
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Only the escrow `escrow` may call `attest`, not `caller`.
    error InferenceAttestorNotEscrow(address caller, address escrow);

    /// @notice The ValidationRegistry trusts `forwarder`, not this attestor: deploy the registry naming this
    /// attestor's address as its trusted forwarder.
    error InferenceAttestorNotForwarder(address forwarder);

    /// @notice Job `jobId` already has an attestation.
    error InferenceAttestorAlreadyAttested(uint256 jobId);

    /// @notice No attestation for job `jobId` (yet).
    error InferenceAttestorUnknownAttestation(uint256 jobId);

    /// @notice The proof carries `actual` public signals; model has 3 + numOutputs = `expected`.
    error InferenceAttestorWrongSignalCount(uint256 expected, uint256 actual);

    /// @notice Public signal 0 is `actual`, not the registered model commitment `expected`: the proof was made with
    /// other weights.
    error InferenceAttestorModelCommitmentMismatch(uint256 expected, uint256 actual);

    /// @notice Public signal 1 is `actual`, not the job's input commitment `expected`: the proof is over another
    /// input or salt.
    error InferenceAttestorInputCommitmentMismatch(uint256 expected, uint256 actual);

    /// @notice Public signal 2 is `actual`, but the binding for this chain, escrow, job and submitting worker is
    /// `expected`. Prove again with `computeBinding` for this job and the address that calls fulfill.
    error InferenceAttestorBindingMismatch(uint256 expected, uint256 actual);

    /// @notice Public signal `index` is `value`, not below the BN254 scalar field modulus.
    error InferenceAttestorSignalOutOfField(uint256 index, uint256 value);

    /// @notice Verifier `verifier` of model `modelId` did not accept the proof (it returned false, reverted, or
    /// returned something other than an ABI-encoded true).
    error InferenceAttestorProofRejected(uint256 modelId, address verifier);

    // -------------------------------------------------------------------------------------------------------------
    // Functions
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Verifies the proof of job `jobId` submitted by `worker` (agent `workerAgentId`) for `modelId` over
    /// `inputCommitment`, records the attestation and answers its ERC-8004 validation with 100. Escrow only.
    /// A model retired after the job opened still judges it: `active` is checked by the escrow at opening, not here.
    /// @return outputs The attested outputs.
    function attest(
        uint256 jobId,
        address worker,
        uint256 workerAgentId,
        uint256 modelId,
        uint256 inputCommitment,
        Proof calldata proof,
        uint256[] calldata signals
    ) external returns (int256[] memory outputs);

    /// @notice The attestation of job `jobId`. Reverts if there is none.
    function getAttestation(uint256 jobId) external view returns (Attestation memory);

    /// @notice Whether job `jobId` has an attestation.
    function isAttested(uint256 jobId) external view returns (bool);

    /// @notice The binding public signal a proof for `jobId` submitted by `worker` must carry on this chain.
    function computeBinding(uint256 jobId, address worker) external view returns (uint256);

    /// @notice The ERC-8004 request hash the attestor files for job `jobId`: keccak256(abi.encode(escrow, jobId)),
    /// unless that hash was taken (see IValidationRegistry); `getAttestation` returns the one actually used.
    function defaultRequestHash(uint256 jobId) external view returns (bytes32);

    /// @notice The escrow this attestor serves.
    function escrow() external view returns (address);

    /// @notice The ModelRegistry models are read from.
    function modelRegistry() external view returns (address);

    /// @notice The ValidationRegistry validations are written to.
    function validationRegistry() external view returns (address);
}
