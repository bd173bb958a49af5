// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Model registry
/// @notice A model is what a worker proves it ran: the Poseidon commitment of its quantized weights and biases, the
/// Groth16 verifier of its circuit (one per model shape), and the hashes that let anyone check the off-chain pieces
/// (verification key, ONNX file). Retrained weights of the same shape reuse the verifier: register them as a new
/// model with the new commitment, then retire the old one.
/// @dev Model ids are sequential from 1 (0 means "no model"), like an EAS-style record: a registration is never
/// edited, only retired. Every field but `active` is immutable, so a job judged by model `modelId` is judged by the
/// same commitment and verifier whenever its proof arrives; retiring stops new jobs only (the escrow checks
/// `isActive` when a job opens; the attestor does not check it).
interface IModelRegistry {
    // -------------------------------------------------------------------------------------------------------------
    // Types
    // -------------------------------------------------------------------------------------------------------------

    /// @notice What a model owner registers.
    /// @param commitment Poseidon commitment of the quantized weights and biases (public signal 0), below the BN254
    /// scalar field modulus.
    /// @param verifier The snarkjs Groth16 verifier of the model's circuit: `verifyProof(uint256[2], uint256[2][2],
    /// uint256[2], uint256[3 + numOutputs])`.
    /// @param numOutputs How many outputs the circuit exposes after [modelCommitment, inputCommitment, binding].
    /// @param circuitId Identifies the circuit (e.g. keccak256 of its name or source).
    /// @param vkeyHash Hash of the verification key the verifier was exported from.
    /// @param onnxHash Hash of the int64 ONNX model the worker runs.
    /// @param uri Where the model's manifest lives (https://, ipfs://, file name...).
    struct ModelParams {
        uint256 commitment;
        address verifier;
        uint8 numOutputs;
        bytes32 circuitId;
        bytes32 vkeyHash;
        bytes32 onnxHash;
        string uri;
    }

    /// @notice A registered model, as `getModel` returns it.
    struct Model {
        uint256 commitment;
        address verifier;
        uint8 numOutputs;
        bool active;
        address owner;
        bytes32 circuitId;
        bytes32 vkeyHash;
        bytes32 onnxHash;
        string uri;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Events
    // -------------------------------------------------------------------------------------------------------------

    /// @notice `owner` registered model `modelId`.
    event ModelRegistered(
        uint256 indexed modelId,
        address indexed owner,
        address indexed verifier,
        uint256 commitment,
        uint8 numOutputs,
        bytes32 circuitId,
        bytes32 vkeyHash,
        bytes32 onnxHash,
        string uri
    );

    /// @notice Model `modelId` was retired: no new job can name it. Jobs opened before are still judged by it.
    event ModelRetired(uint256 indexed modelId);

    // -------------------------------------------------------------------------------------------------------------
    // Errors
    // -------------------------------------------------------------------------------------------------------------

    /// @notice `commitment` is 0 or not below the BN254 scalar field modulus, so no proof could ever match it. Pass the
    /// Poseidon commitment computed by `commitModel` in the zk package.
    error ModelRegistryInvalidCommitment(uint256 commitment);

    /// @notice `verifier` has no code. Deploy the circuit's snarkjs verifier first and pass its address.
    error ModelRegistryVerifierNotContract(address verifier);

    /// @notice `numOutputs` is outside 1..`max`. A model needs at least one output; more than `max` would make a
    /// fulfilment's gas unbounded.
    error ModelRegistryInvalidOutputCount(uint256 numOutputs, uint256 max);

    /// @notice No model has id `modelId`. Ids start at 1; see `modelCount`.
    error ModelRegistryUnknownModel(uint256 modelId);

    /// @notice Only the owner `owner` of `modelId` may do this, not `caller`.
    error ModelRegistryNotModelOwner(uint256 modelId, address caller, address owner);

    /// @notice Model `modelId` is already retired.
    error ModelRegistryModelRetired(uint256 modelId);

    // -------------------------------------------------------------------------------------------------------------
    // Functions
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Most outputs a model may have.
    function MAX_OUTPUTS() external view returns (uint8);

    /// @notice Registers a model owned by the caller.
    /// @return modelId The new model's id.
    function registerModel(ModelParams calldata params) external returns (uint256 modelId);

    /// @notice Retires `modelId` for good. Owner only. Only `active` changes (the record is otherwise immutable):
    /// the escrow opens no new job for it, while a job opened before the retirement is still proven against this
    /// registration's commitment and verifier, and paid.
    function retireModel(uint256 modelId) external;

    /// @notice The full record of `modelId`. Reverts for an unknown model.
    function getModel(uint256 modelId) external view returns (Model memory);

    /// @notice What the attestor needs to check a proof, in two storage reads: the commitment, the verifier, the
    /// verifier's `verifyProof` selector for 3 + numOutputs public signals, the output count, and whether the model
    /// is active. Reverts for an unknown model. All but `active` are fixed at registration and never change, so they
    /// are what was in force when any job for the model opened; the attestor ignores `active` (a retired model's
    /// open jobs are still judged by it; the escrow refuses new ones).
    function getVerification(uint256 modelId)
        external
        view
        returns (uint256 commitment, address verifier, bytes4 selector, uint8 numOutputs, bool active);

    /// @notice Whether `modelId` exists and is not retired (false for an unknown id).
    function isActive(uint256 modelId) external view returns (bool);

    /// @notice How many models were registered; ids run from 1 to this.
    function modelCount() external view returns (uint256);
}
