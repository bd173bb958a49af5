// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { Strings } from "@openzeppelin/contracts/utils/Strings.sol";

import { IModelRegistry } from "../interfaces/IModelRegistry.sol";

/// @title ModelRegistry
/// @notice Registered models: weight commitment, Groth16 verifier, circuit id, verification-key hash, ONNX hash, URI.
contract ModelRegistry is IModelRegistry {
    // -------------------------------------------------------------------------------------------------------------
    // Constants
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IModelRegistry
    uint8 public constant MAX_OUTPUTS = 32;

    /// @dev The BN254 scalar field modulus: every public signal is below it.
    uint256 private constant FIELD_MODULUS =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @dev The public signals before the outputs: modelCommitment, inputCommitment, binding.
    uint256 private constant FIXED_SIGNALS = 3;

    // -------------------------------------------------------------------------------------------------------------
    // Storage
    // -------------------------------------------------------------------------------------------------------------

    /// @dev What a fulfilment reads sits in two slots: this one and the commitment.
    struct Verification {
        address verifier;
        bytes4 selector;
        uint8 numOutputs;
        bool active;
    }

    struct Record {
        Verification verification;
        uint256 commitment;
        address owner;
        bytes32 circuitId;
        bytes32 vkeyHash;
        bytes32 onnxHash;
        string uri;
    }

    uint256 private _modelCount;
    mapping(uint256 modelId => Record) private _models;

    // -------------------------------------------------------------------------------------------------------------
    // Registration
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IModelRegistry
    function registerModel(ModelParams calldata params) external returns (uint256 modelId) {
        if (params.commitment == 0 || params.commitment >= FIELD_MODULUS) {
            revert ModelRegistryInvalidCommitment(params.commitment);
        }
        if (params.verifier.code.length == 0) revert ModelRegistryVerifierNotContract(params.verifier);
        if (params.numOutputs == 0 || params.numOutputs > MAX_OUTPUTS) {
            revert ModelRegistryInvalidOutputCount(params.numOutputs, MAX_OUTPUTS);
        }

        modelId = ++_modelCount;
        Record storage record = _models[modelId];
        record.verification = Verification({
            verifier: params.verifier,
            selector: _verifyProofSelector(FIXED_SIGNALS + params.numOutputs),
            numOutputs: params.numOutputs,
            active: true
        });
        record.commitment = params.commitment;
        record.owner = msg.sender;
        record.circuitId = params.circuitId;
        record.vkeyHash = params.vkeyHash;
        record.onnxHash = params.onnxHash;
        record.uri = params.uri;
        emit ModelRegistered(
            modelId,
            msg.sender,
            params.verifier,
            params.commitment,
            params.numOutputs,
            params.circuitId,
            params.vkeyHash,
            params.onnxHash,
            params.uri
        );
    }

    /// @inheritdoc IModelRegistry
    function retireModel(uint256 modelId) external {
        Record storage record = _record(modelId);
        if (msg.sender != record.owner) revert ModelRegistryNotModelOwner(modelId, msg.sender, record.owner);
        if (!record.verification.active) revert ModelRegistryModelRetired(modelId);
        record.verification.active = false;
        emit ModelRetired(modelId);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IModelRegistry
    function getModel(uint256 modelId) external view returns (Model memory) {
        Record storage record = _record(modelId);
        Verification memory verification = record.verification;
        return Model({
            commitment: record.commitment,
            verifier: verification.verifier,
            numOutputs: verification.numOutputs,
            active: verification.active,
            owner: record.owner,
            circuitId: record.circuitId,
            vkeyHash: record.vkeyHash,
            onnxHash: record.onnxHash,
            uri: record.uri
        });
    }

    /// @inheritdoc IModelRegistry
    function getVerification(uint256 modelId)
        external
        view
        returns (uint256 commitment, address verifier, bytes4 selector, uint8 numOutputs, bool active)
    {
        Record storage record = _record(modelId);
        Verification memory verification = record.verification;
        return (
            record.commitment,
            verification.verifier,
            verification.selector,
            verification.numOutputs,
            verification.active
        );
    }

    /// @inheritdoc IModelRegistry
    function isActive(uint256 modelId) external view returns (bool) {
        return _models[modelId].verification.active;
    }

    /// @inheritdoc IModelRegistry
    function modelCount() external view returns (uint256) {
        return _modelCount;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Internal
    // -------------------------------------------------------------------------------------------------------------

    /// @dev Every registered model has a verifier, so a zero verifier means the id was never used.
    function _record(uint256 modelId) private view returns (Record storage record) {
        record = _models[modelId];
        if (record.verification.verifier == address(0)) revert ModelRegistryUnknownModel(modelId);
    }

    /// @dev The snarkjs verifier's entry point for `count` public signals, computed once here rather than on every
    /// fulfilment.
    function _verifyProofSelector(uint256 count) private pure returns (bytes4) {
        return bytes4(
            keccak256(
                abi.encodePacked(
                    "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[", Strings.toString(count), "])"
                )
            )
        );
    }
}
