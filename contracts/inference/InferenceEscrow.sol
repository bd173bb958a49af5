// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { IERC20Permit } from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { ReentrancyGuard } from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

import { IAgentRegistry } from "../interfaces/IAgentRegistry.sol";
import { IInferenceAttestor } from "../interfaces/IInferenceAttestor.sol";
import { IInferenceEscrow } from "../interfaces/IInferenceEscrow.sol";
import { IModelRegistry } from "../interfaces/IModelRegistry.sol";

/// @title InferenceEscrow
/// @notice Stablecoin escrow for proven inference: open (with permit), fulfil with a proof to get paid, refund after
/// the deadline.
/// @dev A job is three slots: the terms (requester, deadline, model id), the settlement (amount, worker agent id,
/// exclusive window end, status), and the input commitment. Every state change rewrites only the settlement slot.
/// The reentrancy guard is OpenZeppelin's storage lock (the transient one makes solc warn about EIP-1153 on every
/// build); state changes come before any external call anyway.
contract InferenceEscrow is IInferenceEscrow, ReentrancyGuard {
    using SafeERC20 for IERC20;

    // -------------------------------------------------------------------------------------------------------------
    // Constants
    // -------------------------------------------------------------------------------------------------------------

    /// @dev The BN254 scalar field modulus: an input commitment is a public signal, so it is below it.
    uint256 private constant FIELD_MODULUS =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    // -------------------------------------------------------------------------------------------------------------
    // Storage
    // -------------------------------------------------------------------------------------------------------------

    IERC20 private immutable _token;
    IAgentRegistry private immutable _agentRegistry;
    IModelRegistry private immutable _modelRegistry;
    IInferenceAttestor private immutable _attestor;

    struct Terms {
        address requester;
        uint40 deadline;
        uint56 modelId;
    }

    struct Settlement {
        uint96 amount;
        uint96 workerAgentId;
        uint40 exclusiveUntil;
        JobStatus status;
    }

    struct StoredJob {
        Terms terms;
        Settlement settlement;
        uint256 inputCommitment;
    }

    uint256 private _jobCount;
    mapping(uint256 jobId => StoredJob) private _jobs;

    // -------------------------------------------------------------------------------------------------------------
    // Constructor
    // -------------------------------------------------------------------------------------------------------------

    /// @param token_ The payment token; it must support ERC-2612 for `openJobWithPermit`.
    /// @param agentRegistry_ The AgentRegistry workers are registered in.
    /// @param modelRegistry_ The ModelRegistry jobs name models from.
    /// @param attestor_ An InferenceAttestor deployed for this escrow's address, over the same registries.
    constructor(
        IERC20 token_,
        IAgentRegistry agentRegistry_,
        IModelRegistry modelRegistry_,
        IInferenceAttestor attestor_
    ) {
        if (attestor_.escrow() != address(this) || attestor_.modelRegistry() != address(modelRegistry_)) {
            revert InferenceEscrowAttestorMismatch(address(attestor_));
        }
        _token = token_;
        _agentRegistry = agentRegistry_;
        _modelRegistry = modelRegistry_;
        _attestor = attestor_;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Opening
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IInferenceEscrow
    function openJob(
        uint256 modelId,
        uint256 inputCommitment,
        uint256 amount,
        uint256 deadline,
        uint256 workerAgentId,
        uint256 exclusiveUntil
    ) external nonReentrant returns (uint256 jobId) {
        jobId = _open(modelId, inputCommitment, amount, deadline, workerAgentId, exclusiveUntil);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IInferenceEscrow
    function openJobWithPermit(
        uint256 modelId,
        uint256 inputCommitment,
        uint256 amount,
        uint256 deadline,
        uint256 workerAgentId,
        uint256 exclusiveUntil,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant returns (uint256 jobId) {
        // OpenZeppelin's advice for permit front-running: if someone submitted the permit first, the allowance it
        // granted is what matters.
        try IERC20Permit(address(_token)).permit(msg.sender, address(this), amount, permitDeadline, v, r, s) { }
        catch {
            uint256 allowance = _token.allowance(msg.sender, address(this));
            if (allowance < amount) revert InferenceEscrowPermitFailed(allowance, amount);
        }
        jobId = _open(modelId, inputCommitment, amount, deadline, workerAgentId, exclusiveUntil);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Settlement
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IInferenceEscrow
    function fulfill(
        uint256 jobId,
        uint256 workerAgentId,
        uint256[2] calldata a,
        uint256[2][2] calldata b,
        uint256[2] calldata c,
        uint256[] calldata signals
    ) external nonReentrant returns (int256[] memory outputs) {
        uint256 amount;
        (outputs, amount) = _attest(jobId, workerAgentId, IInferenceAttestor.Proof(a, b, c), signals);
        _token.safeTransfer(msg.sender, amount);
        emit JobFulfilled(jobId, workerAgentId, msg.sender, amount);
    }

    /// @inheritdoc IInferenceEscrow
    function refund(uint256 jobId) external nonReentrant {
        StoredJob storage job = _jobs[jobId];
        Settlement memory settlement = job.settlement;
        _requireOpen(jobId, settlement.status);
        Terms memory terms = job.terms;
        if (block.timestamp <= terms.deadline) {
            revert InferenceEscrowJobNotExpired(jobId, terms.deadline, block.timestamp);
        }
        job.settlement = Settlement({
            amount: settlement.amount,
            workerAgentId: settlement.workerAgentId,
            exclusiveUntil: settlement.exclusiveUntil,
            status: JobStatus.Refunded
        });
        _token.safeTransfer(terms.requester, settlement.amount);
        emit JobRefunded(jobId, terms.requester, settlement.amount);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IInferenceEscrow
    function getJob(uint256 jobId) external view returns (Job memory) {
        StoredJob storage job = _jobs[jobId];
        Settlement memory settlement = job.settlement;
        if (settlement.status == JobStatus.None) revert InferenceEscrowUnknownJob(jobId);
        Terms memory terms = job.terms;
        return Job({
            requester: terms.requester,
            modelId: terms.modelId,
            inputCommitment: job.inputCommitment,
            amount: settlement.amount,
            deadline: terms.deadline,
            workerAgentId: settlement.workerAgentId,
            exclusiveUntil: settlement.exclusiveUntil,
            status: settlement.status
        });
    }

    /// @inheritdoc IInferenceEscrow
    function jobCount() external view returns (uint256) {
        return _jobCount;
    }

    /// @inheritdoc IInferenceEscrow
    function token() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IInferenceEscrow
    function agentRegistry() external view returns (address) {
        return address(_agentRegistry);
    }

    /// @inheritdoc IInferenceEscrow
    function modelRegistry() external view returns (address) {
        return address(_modelRegistry);
    }

    /// @inheritdoc IInferenceEscrow
    function attestor() external view returns (address) {
        return address(_attestor);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Internal
    // -------------------------------------------------------------------------------------------------------------

    function _open(
        uint256 modelId,
        uint256 inputCommitment,
        uint256 amount,
        uint256 deadline,
        uint256 workerAgentId,
        uint256 exclusiveUntil
    ) private returns (uint256 jobId) {
        if (!_modelRegistry.isActive(modelId)) revert InferenceEscrowModelNotActive(modelId);
        if (inputCommitment >= FIELD_MODULUS) revert InferenceEscrowInvalidInputCommitment(inputCommitment);
        if (amount == 0 || amount > type(uint96).max) revert InferenceEscrowInvalidAmount(amount);
        if (deadline <= block.timestamp || deadline > type(uint40).max) {
            revert InferenceEscrowInvalidDeadline(deadline, block.timestamp);
        }
        if (workerAgentId > type(uint96).max) revert InferenceEscrowInvalidWorker(workerAgentId);
        if (
            workerAgentId == 0
                ? exclusiveUntil != 0
                : exclusiveUntil <= block.timestamp || exclusiveUntil > deadline
        ) {
            revert InferenceEscrowInvalidExclusiveWindow(exclusiveUntil, deadline, block.timestamp);
        }

        jobId = ++_jobCount;
        // The casts are exact: each value was bounded above (exclusiveUntil by the deadline); an active model id is a
        // sequential count far below 2^56.
        _jobs[jobId] = StoredJob({
            terms: Terms({ requester: msg.sender, deadline: uint40(deadline), modelId: uint56(modelId) }),
            settlement: Settlement({
                amount: uint96(amount),
                workerAgentId: uint96(workerAgentId),
                exclusiveUntil: uint40(exclusiveUntil),
                status: JobStatus.Open
            }),
            inputCommitment: inputCommitment
        });
        emit JobOpened(jobId, msg.sender, modelId, inputCommitment, amount, deadline, workerAgentId, exclusiveUntil);
    }

    /// @dev Marks the job fulfilled, then has the attestor check the proof (the attestor reverts the whole call if
    /// it does not verify).
    function _attest(
        uint256 jobId,
        uint256 workerAgentId,
        IInferenceAttestor.Proof memory proof,
        uint256[] calldata signals
    ) private returns (int256[] memory outputs, uint256 amount) {
        uint256 modelId;
        uint256 inputCommitment;
        (modelId, inputCommitment, amount) = _markFulfilled(jobId, workerAgentId);
        outputs = _attestor.attest(jobId, msg.sender, workerAgentId, modelId, inputCommitment, proof, signals);
    }

    /// @dev Checks that the caller may fulfil job `jobId` as agent `workerAgentId` now, and marks it fulfilled by
    /// that agent before any external call but the AgentRegistry read.
    function _markFulfilled(uint256 jobId, uint256 workerAgentId)
        private
        returns (uint256 modelId, uint256 inputCommitment, uint256 amount)
    {
        StoredJob storage job = _jobs[jobId];
        Settlement memory settlement = job.settlement;
        _requireOpen(jobId, settlement.status);
        Terms memory terms = job.terms;
        if (block.timestamp > terms.deadline) {
            revert InferenceEscrowJobExpired(jobId, terms.deadline, block.timestamp);
        }
        // Inside the window only the reserved agent; after it (or without one) any agent, through its wallet.
        if (
            settlement.workerAgentId != 0 && settlement.workerAgentId != workerAgentId
                && block.timestamp <= settlement.exclusiveUntil
        ) {
            revert InferenceEscrowWrongWorker(
                jobId, settlement.workerAgentId, workerAgentId, settlement.exclusiveUntil
            );
        }
        if (workerAgentId > type(uint96).max) revert InferenceEscrowInvalidWorker(workerAgentId);
        address wallet = _agentRegistry.getAgentWallet(workerAgentId);
        if (wallet != msg.sender) revert InferenceEscrowNotAgentWallet(workerAgentId, msg.sender, wallet);

        job.settlement = Settlement({
            amount: settlement.amount,
            workerAgentId: uint96(workerAgentId),
            exclusiveUntil: settlement.exclusiveUntil,
            status: JobStatus.Fulfilled
        });
        return (terms.modelId, job.inputCommitment, settlement.amount);
    }

    function _requireOpen(uint256 jobId, JobStatus status) private pure {
        if (status == JobStatus.None) revert InferenceEscrowUnknownJob(jobId);
        if (status != JobStatus.Open) revert InferenceEscrowJobNotOpen(jobId, status);
    }
}
