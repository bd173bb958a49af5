// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { IInferenceAttestor } from "../interfaces/IInferenceAttestor.sol";
import { IInferenceEscrow } from "../interfaces/IInferenceEscrow.sol";
import { IModelRegistry } from "../interfaces/IModelRegistry.sol";
import { IValidationRegistry } from "../interfaces/IValidationRegistry.sol";

/// @title InferenceAttestor
/// @notice Verifies inference proofs for one InferenceEscrow, records attestations, and answers their ERC-8004
/// validations.
/// @dev An attestation is one packed slot (worker, timestamp, model id, output count, width) plus the outputs: four
/// int64 per slot when every output fits 64 bits (the fixed-point circuits' outputs are 32-bit), else one int256 per
/// slot. The model's verifier is called generically for any number of public signals with the selector the
/// ModelRegistry computed at registration, arguments laid out as the static arrays they are. Whether the model is
/// still active is not checked here: the escrow checks it when a job opens (see IInferenceAttestor).
contract InferenceAttestor is IInferenceAttestor {
    // -------------------------------------------------------------------------------------------------------------
    // Constants
    // -------------------------------------------------------------------------------------------------------------

    /// @dev The BN254 scalar field modulus r.
    uint256 private constant FIELD_MODULUS =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @dev Field elements above this are negative numbers, x - r.
    uint256 private constant HALF_FIELD = (FIELD_MODULUS - 1) / 2;

    uint256 private constant FIXED_SIGNALS = 3;
    uint256 private constant OUTPUTS_PER_WORD = 4;

    /// @dev The ERC-8004 score of a request whose proof verified.
    uint8 private constant VERIFIED = 100;

    // -------------------------------------------------------------------------------------------------------------
    // Storage
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IInferenceAttestor
    address public immutable escrow;

    IModelRegistry private immutable _modelRegistry;
    IValidationRegistry private immutable _validationRegistry;

    /// @dev An attestation's fixed part, kept in one word (see `_pack`): solc writes a storage struct member by
    /// member, which would cost a read and a write per member.
    struct Record {
        address worker;
        uint40 timestamp;
        uint40 modelId;
        uint8 numOutputs;
        bool wide;
    }

    mapping(uint256 jobId => uint256 packedRecord) private _records;
    mapping(uint256 jobId => mapping(uint256 index => uint256 word)) private _outputWords;
    /// @dev Set only in the rare case the default request hash was taken when the attestation was filed.
    mapping(uint256 jobId => bytes32 requestHash) private _movedRequestHashes;

    // -------------------------------------------------------------------------------------------------------------
    // Constructor
    // -------------------------------------------------------------------------------------------------------------

    /// @param modelRegistry_ The ModelRegistry.
    /// @param validationRegistry_ A ValidationRegistry whose trusted forwarder is this attestor's address.
    /// @param escrow_ The InferenceEscrow this attestor serves (deployed next; its address is known in advance).
    constructor(IModelRegistry modelRegistry_, IValidationRegistry validationRegistry_, address escrow_) {
        address forwarder = validationRegistry_.trustedForwarder();
        if (forwarder != address(this)) revert InferenceAttestorNotForwarder(forwarder);
        _modelRegistry = modelRegistry_;
        _validationRegistry = validationRegistry_;
        escrow = escrow_;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Attestation
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IInferenceAttestor
    function attest(
        uint256 jobId,
        address worker,
        uint256 workerAgentId,
        uint256 modelId,
        uint256 inputCommitment,
        Proof calldata proof,
        uint256[] calldata signals
    ) external returns (int256[] memory outputs) {
        if (msg.sender != escrow) revert InferenceAttestorNotEscrow(msg.sender, escrow);
        if (_records[jobId] != 0) revert InferenceAttestorAlreadyAttested(jobId);

        (address verifier, bytes4 selector, uint8 numOutputs) =
            _checkSignals(jobId, worker, modelId, inputCommitment, signals);
        bool wide;
        (outputs, wide) = _decodeOutputs(signals, numOutputs);
        if (!_verify(verifier, selector, proof, signals)) revert InferenceAttestorProofRejected(modelId, verifier);

        // getVerification answered, so modelId <= modelCount: a sequential count that never nears 2^40.
        _records[jobId] = _pack(
            Record({
                worker: worker,
                timestamp: uint40(block.timestamp),
                modelId: uint40(modelId),
                numOutputs: numOutputs,
                wide: wide
            })
        );
        _storeOutputs(jobId, outputs, wide);
        bytes32 requestHash = _answerValidation(jobId, worker, workerAgentId);
        emit InferenceAttested(jobId, modelId, worker, workerAgentId, inputCommitment, outputs, requestHash);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IInferenceAttestor
    function getAttestation(uint256 jobId) external view returns (Attestation memory attestation) {
        uint256 packed = _records[jobId];
        if (packed == 0) revert InferenceAttestorUnknownAttestation(jobId);
        Record memory record = _unpack(packed);
        int256[] memory outputs = new int256[](record.numOutputs);
        for (uint256 i; i < outputs.length; ++i) {
            if (record.wide) {
                outputs[i] = int256(_outputWords[jobId][i]);
            } else {
                uint256 word = _outputWords[jobId][i / OUTPUTS_PER_WORD];
                // Each lane holds the two's-complement bits of an int64.
                outputs[i] = int64(uint64(word >> (64 * (i % OUTPUTS_PER_WORD))));
            }
        }
        bytes32 moved = _movedRequestHashes[jobId];
        attestation = Attestation({
            jobId: jobId,
            modelId: record.modelId,
            inputCommitment: IInferenceEscrow(escrow).getJob(jobId).inputCommitment,
            outputs: outputs,
            worker: record.worker,
            timestamp: record.timestamp,
            validationRequestHash: moved == bytes32(0) ? defaultRequestHash(jobId) : moved
        });
    }

    /// @inheritdoc IInferenceAttestor
    function isAttested(uint256 jobId) external view returns (bool) {
        return _records[jobId] != 0;
    }

    /// @inheritdoc IInferenceAttestor
    function computeBinding(uint256 jobId, address worker) external view returns (uint256) {
        return _binding(jobId, worker);
    }

    /// @inheritdoc IInferenceAttestor
    function defaultRequestHash(uint256 jobId) public view returns (bytes32) {
        return keccak256(abi.encode(escrow, jobId));
    }

    /// @inheritdoc IInferenceAttestor
    function modelRegistry() external view returns (address) {
        return address(_modelRegistry);
    }

    /// @inheritdoc IInferenceAttestor
    function validationRegistry() external view returns (address) {
        return address(_validationRegistry);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Internal
    // -------------------------------------------------------------------------------------------------------------

    /// @dev Must equal `computeBinding` in the zk package (a test pins one value from each side).
    function _binding(uint256 jobId, address worker) private view returns (uint256) {
        return uint256(keccak256(abi.encode(block.chainid, escrow, jobId, worker))) % FIELD_MODULUS;
    }

    /// @dev Checks everything but the proof itself against the model and the job; returns how to call the verifier.
    function _checkSignals(
        uint256 jobId,
        address worker,
        uint256 modelId,
        uint256 inputCommitment,
        uint256[] calldata signals
    ) private view returns (address verifier, bytes4 selector, uint8 numOutputs) {
        uint256 commitment;
        // `active` is not read: the escrow checked it when the job opened. A retirement since then stops new jobs
        // only; the registration is otherwise immutable, so this is the commitment and verifier in force at opening.
        (commitment, verifier, selector, numOutputs,) = _modelRegistry.getVerification(modelId);
        if (signals.length != FIXED_SIGNALS + numOutputs) {
            revert InferenceAttestorWrongSignalCount(FIXED_SIGNALS + numOutputs, signals.length);
        }
        if (signals[0] != commitment) revert InferenceAttestorModelCommitmentMismatch(commitment, signals[0]);
        if (signals[1] != inputCommitment) {
            revert InferenceAttestorInputCommitmentMismatch(inputCommitment, signals[1]);
        }
        uint256 binding = _binding(jobId, worker);
        if (signals[2] != binding) revert InferenceAttestorBindingMismatch(binding, signals[2]);
    }

    /// @dev Files the ERC-8004 request as the worker, naming this attestor, and answers it: the proof verified.
    function _answerValidation(uint256 jobId, address worker, uint256 workerAgentId)
        private
        returns (bytes32 filedHash)
    {
        bytes32 requestHash = defaultRequestHash(jobId);
        filedHash = _validationRegistry.validationRequestFor(worker, address(this), workerAgentId, "", requestHash);
        if (filedHash != requestHash) _movedRequestHashes[jobId] = filedHash;
        _validationRegistry.validationResponse(filedHash, VERIFIED, "", bytes32(0), "");
    }

    /// @dev Reads the outputs as signed field elements and reports whether any needs more than 64 bits.
    function _decodeOutputs(uint256[] calldata signals, uint256 numOutputs)
        private
        pure
        returns (int256[] memory outputs, bool wide)
    {
        outputs = new int256[](numOutputs);
        for (uint256 i; i < numOutputs; ++i) {
            uint256 value = signals[FIXED_SIGNALS + i];
            if (value >= FIELD_MODULUS) revert InferenceAttestorSignalOutOfField(FIXED_SIGNALS + i, value);
            // Both casts are exact: value and FIELD_MODULUS - value are below r < 2^254.
            int256 output = value > HALF_FIELD ? -int256(FIELD_MODULUS - value) : int256(value);
            outputs[i] = output;
            if (output < type(int64).min || output > type(int64).max) wide = true;
        }
    }

    function _storeOutputs(uint256 jobId, int256[] memory outputs, bool wide) private {
        mapping(uint256 => uint256) storage words = _outputWords[jobId];
        if (wide) {
            for (uint256 i; i < outputs.length; ++i) {
                if (outputs[i] != 0) words[i] = uint256(outputs[i]);
            }
            return;
        }
        uint256 word;
        for (uint256 i; i < outputs.length; ++i) {
            // Not wide: every output fits int64, so the casts keep its two's-complement bits.
            word |= uint256(uint64(int64(outputs[i]))) << (64 * (i % OUTPUTS_PER_WORD));
            if (i % OUTPUTS_PER_WORD == OUTPUTS_PER_WORD - 1 || i == outputs.length - 1) {
                // An all-zero word is the slot's default: skip the write.
                if (word != 0) words[i / OUTPUTS_PER_WORD] = word;
                word = 0;
            }
        }
    }

    /// @dev worker | timestamp << 160 | modelId << 200 | numOutputs << 240 | wide << 248. Never 0: the worker is the
    /// caller of fulfil, never the zero address.
    function _pack(Record memory record) private pure returns (uint256) {
        return uint256(uint160(record.worker)) | uint256(record.timestamp) << 160 | uint256(record.modelId) << 200
            | uint256(record.numOutputs) << 240 | (record.wide ? uint256(1) << 248 : 0);
    }

    function _unpack(uint256 packed) private pure returns (Record memory) {
        return Record({
            worker: address(uint160(packed)),
            timestamp: uint40(packed >> 160),
            modelId: uint40(packed >> 200),
            numOutputs: uint8(packed >> 240),
            wide: (packed >> 248) & 1 == 1
        });
    }

    /// @dev Calls `verifyProof(a, b, c, signals)` with static-array encoding (selector, 8 proof words, then one word
    /// per signal). Only exactly 32 bytes holding 1 count as verified: a revert, false, or anything malformed does
    /// not. At most 32 bytes of return data are copied, so a verifier cannot make this call run out of memory gas.
    function _verify(address verifier, bytes4 selector, Proof calldata proof, uint256[] calldata signals)
        private
        view
        returns (bool verified)
    {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            // A Proof is static: its 8 words (a, b, c) sit in place in calldata.
            calldatacopy(add(ptr, 0x04), proof, 0x100)
            let signalBytes := shl(5, signals.length)
            calldatacopy(add(ptr, 0x104), signals.offset, signalBytes)
            let success := staticcall(gas(), verifier, ptr, add(0x104, signalBytes), 0x00, 0x00)
            if and(success, eq(returndatasize(), 0x20)) {
                returndatacopy(0x00, 0x00, 0x20)
                verified := eq(mload(0x00), 1)
            }
        }
    }
}
