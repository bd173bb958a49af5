// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Inference escrow
/// @notice A requester locks a stablecoin payment for one inference of a registered model over a committed input
/// (`openJob`, or `openJobWithPermit` with an ERC-2612 permit in the same transaction). A worker, a registered
/// ERC-8004 agent acting through its agent wallet, fulfils the job with a Groth16 proof; the InferenceAttestor
/// verifies and records it, and the escrow pays the worker. If no proof arrives by the deadline, anyone may refund
/// the requester. A job is Open, then exactly one of Fulfilled or Refunded.
/// A job may be reserved for one agent for an exclusive window (`exclusiveUntil`): until then only that agent may
/// fulfil it, after it any registered agent may (failover without a refund and a second payment), until the deadline.
/// @dev A job may be fulfilled while `block.timestamp <= deadline` and refunded once `block.timestamp > deadline`,
/// so the two never overlap. The escrow holds exactly the sum of its open jobs' amounts (tokens sent to it directly
/// are not tracked). Job ids are sequential from 1.
interface IInferenceEscrow {
    // -------------------------------------------------------------------------------------------------------------
    // Types
    // -------------------------------------------------------------------------------------------------------------

    enum JobStatus {
        None,
        Open,
        Fulfilled,
        Refunded
    }

    /// @notice A job, as `getJob` returns it.
    /// @param workerAgentId While open: the agent the job is reserved for, or 0 for any agent. Once fulfilled:
    /// the agent that did.
    /// @param exclusiveUntil The end (unix seconds, inclusive) of the reserved agent's exclusive window; 0 when the
    /// job was opened for any agent. Equal to `deadline` when reserved for the job's whole life.
    struct Job {
        address requester;
        uint256 modelId;
        uint256 inputCommitment;
        uint256 amount;
        uint256 deadline;
        uint256 workerAgentId;
        uint256 exclusiveUntil;
        JobStatus status;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Events
    // -------------------------------------------------------------------------------------------------------------

    /// @notice `requester` locked `amount` for job `jobId`: one inference of `modelId` over the input committed to by
    /// `inputCommitment`, proven by `deadline` (unix seconds), reserved for agent `workerAgentId` until
    /// `exclusiveUntil` and open to any registered agent after it (`workerAgentId` 0: any agent from the start).
    event JobOpened(
        uint256 indexed jobId,
        address indexed requester,
        uint256 indexed modelId,
        uint256 inputCommitment,
        uint256 amount,
        uint256 deadline,
        uint256 workerAgentId,
        uint256 exclusiveUntil
    );

    /// @notice Job `jobId` was fulfilled by agent `workerAgentId` through `worker`, which was paid `amount`.
    event JobFulfilled(uint256 indexed jobId, uint256 indexed workerAgentId, address indexed worker, uint256 amount);

    /// @notice Job `jobId` expired unfulfilled; `amount` went back to `requester`.
    event JobRefunded(uint256 indexed jobId, address indexed requester, uint256 amount);

    // -------------------------------------------------------------------------------------------------------------
    // Errors
    // -------------------------------------------------------------------------------------------------------------

    /// @notice The attestor at `attestor` serves another escrow: deploy it naming this escrow's address.
    error InferenceEscrowAttestorMismatch(address attestor);

    /// @notice Model `modelId` is unknown or retired. Pick an active model from the ModelRegistry.
    error InferenceEscrowModelNotActive(uint256 modelId);

    /// @notice `inputCommitment` is not below the BN254 scalar field modulus, so no proof could match it. Pass the
    /// Poseidon commitment computed by `commitInput` in the zk package.
    error InferenceEscrowInvalidInputCommitment(uint256 inputCommitment);

    /// @notice `amount` is 0 or above 2^96 - 1 base units.
    error InferenceEscrowInvalidAmount(uint256 amount);

    /// @notice `deadline` is not after the current time `timestamp` (or beyond 2^40 - 1). Give the worker time to
    /// prove: a deadline minutes ahead.
    error InferenceEscrowInvalidDeadline(uint256 deadline, uint256 timestamp);

    /// @notice `workerAgentId` is above 2^96 - 1; agent ids are small sequential numbers.
    error InferenceEscrowInvalidWorker(uint256 workerAgentId);

    /// @notice `exclusiveUntil` does not fit the job: with a worker agent it must be after the current time
    /// `timestamp` and at most `deadline` (pass `deadline` to reserve the job for its whole life); without one it
    /// must be 0.
    error InferenceEscrowInvalidExclusiveWindow(uint256 exclusiveUntil, uint256 deadline, uint256 timestamp);

    /// @notice The permit failed and the allowance `allowance` of the requester to the escrow is below `amount`.
    /// Sign the permit again (owner, this escrow as spender, the amount, a future deadline, the current nonce).
    error InferenceEscrowPermitFailed(uint256 allowance, uint256 amount);

    /// @notice No job has id `jobId`.
    error InferenceEscrowUnknownJob(uint256 jobId);

    /// @notice Job `jobId` is `status`, not Open.
    error InferenceEscrowJobNotOpen(uint256 jobId, JobStatus status);

    /// @notice Job `jobId` expired at `deadline`; it is `timestamp`. It can only be refunded now.
    error InferenceEscrowJobExpired(uint256 jobId, uint256 deadline, uint256 timestamp);

    /// @notice Job `jobId` is still running until `deadline` (it is `timestamp`): refund after the deadline.
    error InferenceEscrowJobNotExpired(uint256 jobId, uint256 deadline, uint256 timestamp);

    /// @notice Job `jobId` is reserved for agent `expected`, not `actual`, until `exclusiveUntil` (inclusive). Any
    /// registered agent may fulfil it after that, until the deadline.
    error InferenceEscrowWrongWorker(uint256 jobId, uint256 expected, uint256 actual, uint256 exclusiveUntil);

    /// @notice `caller` is not the agent wallet `wallet` of agent `agentId`. Send fulfil from the agent's wallet
    /// (AgentRegistry.getAgentWallet).
    error InferenceEscrowNotAgentWallet(uint256 agentId, address caller, address wallet);

    // -------------------------------------------------------------------------------------------------------------
    // Functions
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Opens a job, pulling `amount` of the token from the caller (approve the escrow first).
    /// @param workerAgentId The agent the job is reserved for, or 0 for any registered agent.
    /// @param exclusiveUntil With a worker agent: the last second (unix) of its exclusive window, after the current
    /// time and at most `deadline` (`deadline`: reserved for the job's whole life). Without one: 0.
    /// @return jobId The new job's id.
    function openJob(
        uint256 modelId,
        uint256 inputCommitment,
        uint256 amount,
        uint256 deadline,
        uint256 workerAgentId,
        uint256 exclusiveUntil
    ) external returns (uint256 jobId);

    /// @notice `openJob` with an ERC-2612 permit (owner: the caller, spender: this escrow, value >= `amount`) applied
    /// first. A permit that fails (already used, say by a front-runner who copied it) is tolerated when the allowance
    /// already covers `amount`.
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
    ) external returns (uint256 jobId);

    /// @notice Fulfils job `jobId` with a proof and pays the caller. `a`, `b`, `c` and `signals` are snarkjs'
    /// Solidity calldata (`exportSolidityCallData`), passed through unchanged.
    /// The caller must be the agent wallet of `workerAgentId`, and the job Open, not expired, and open to that agent:
    /// reserved for it, or for any agent (opened without a worker, or past its reserved agent's exclusive window).
    /// The model need not be active any more: it was when the job opened, and a retirement since then stops new jobs
    /// only.
    /// @return outputs The attested outputs.
    function fulfill(
        uint256 jobId,
        uint256 workerAgentId,
        uint256[2] calldata a,
        uint256[2][2] calldata b,
        uint256[2] calldata c,
        uint256[] calldata signals
    ) external returns (int256[] memory outputs);

    /// @notice Returns the payment of an expired, unfulfilled job to its requester. Anyone may call it.
    function refund(uint256 jobId) external;

    /// @notice Job `jobId`. Reverts for an unknown job.
    function getJob(uint256 jobId) external view returns (Job memory);

    /// @notice How many jobs were opened; ids run from 1 to this.
    function jobCount() external view returns (uint256);

    /// @notice The payment token (devnet USDC).
    function token() external view returns (address);

    /// @notice The AgentRegistry workers are registered in.
    function agentRegistry() external view returns (address);

    /// @notice The ModelRegistry jobs name models from.
    function modelRegistry() external view returns (address);

    /// @notice The InferenceAttestor that checks proofs.
    function attestor() external view returns (address);
}
