// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title ERC-8004 Validation Registry
/// @notice An agent asks a validator to check its work (`validationRequest`), naming a request hash that commits to
/// what is to be checked; the validator answers with a score from 0 to 100 (`validationResponse`), possibly several
/// times. Anyone reads the status of a request, an agent's requests, a validator's requests, and a summary.
/// @dev Follows the ERC-8004 draft and its reference ValidationRegistry (erc-8004/erc-8004-contracts): same function
/// signatures, events and view shapes (string tags, as in the January 2026 update). Bound to the AgentRegistry.
/// Two extensions, both about who may file a request for an agent:
/// - besides the agent's owner and approved operators, the agent's verified wallet (`getAgentWallet`) may file one:
///   an agent acts through that wallet, which its owner chose with the wallet's EIP-712 consent;
/// - one trusted forwarder (the InferenceAttestor, fixed at deployment) may file a request on behalf of an account it
///   vouches for (`validationRequestFor`); the same authorization rules apply to that account. The attestor files
///   one for the worker whose proof it has just verified, naming itself as validator, and answers it with 100 in the
///   same transaction. A forwarded request whose hash is already taken moves to the next free hash in the chain
///   h, keccak256(h), ... so that nobody can block a settlement by registering the expected hash first.
interface IValidationRegistry {
    // -------------------------------------------------------------------------------------------------------------
    // Events
    // -------------------------------------------------------------------------------------------------------------

    /// @notice `agentId` asked `validatorAddress` to validate the work described at `requestURI`, committed to by
    /// `requestHash`.
    event ValidationRequest(
        address indexed validatorAddress, uint256 indexed agentId, string requestURI, bytes32 indexed requestHash
    );

    /// @notice `validatorAddress` scored request `requestHash` of `agentId` with `response` (0-100).
    event ValidationResponse(
        address indexed validatorAddress,
        uint256 indexed agentId,
        bytes32 indexed requestHash,
        uint8 response,
        string responseURI,
        bytes32 responseHash,
        string tag
    );

    // -------------------------------------------------------------------------------------------------------------
    // Errors
    // -------------------------------------------------------------------------------------------------------------

    /// @notice The validator is the zero address. Name the validator contract or account that will answer.
    error ValidationRegistryZeroValidator();

    /// @notice A request with `requestHash` exists already. Request hashes are unique: commit to something new.
    error ValidationRegistryRequestExists(bytes32 requestHash);

    /// @notice `account` is neither the owner of `agentId`, an approved operator, nor its agent wallet.
    error ValidationRegistryNotAuthorized(uint256 agentId, address account);

    /// @notice No request has hash `requestHash`.
    error ValidationRegistryUnknownRequest(bytes32 requestHash);

    /// @notice Only `validator`, named in request `requestHash`, may answer it, not `caller`.
    error ValidationRegistryNotValidator(bytes32 requestHash, address caller, address validator);

    /// @notice `response` is above 100.
    error ValidationRegistryInvalidResponse(uint8 response);

    /// @notice `caller` is not the trusted forwarder `forwarder`.
    error ValidationRegistryNotForwarder(address caller, address forwarder);

    /// @notice `agentId` does not fit the packed record (40 bits); the AgentRegistry's sequential ids never get there.
    error ValidationRegistryAgentIdTooLarge(uint256 agentId);

    // -------------------------------------------------------------------------------------------------------------
    // Requests and responses
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Asks `validatorAddress` to validate work of `agentId`. Caller: the agent's owner, an approved operator
    /// or its agent wallet. `requestHash` must be new.
    function validationRequest(
        address validatorAddress,
        uint256 agentId,
        string calldata requestURI,
        bytes32 requestHash
    ) external;

    /// @notice `validationRequest` filed by the trusted forwarder on behalf of `requester`, who must be authorized
    /// for `agentId` as in `validationRequest`.
    /// @return filedHash `requestHash`, or the first free hash after it in the chain h, keccak256(h), ... if taken.
    function validationRequestFor(
        address requester,
        address validatorAddress,
        uint256 agentId,
        string calldata requestURI,
        bytes32 requestHash
    ) external returns (bytes32 filedHash);

    /// @notice Scores request `requestHash` with `response` (0-100). Only its validator; may be called again to
    /// update the score.
    function validationResponse(
        bytes32 requestHash,
        uint8 response,
        string calldata responseURI,
        bytes32 responseHash,
        string calldata tag
    ) external;

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    /// @notice The AgentRegistry agent ids refer to.
    function getIdentityRegistry() external view returns (address);

    /// @notice The one contract allowed to call `validationRequestFor`.
    function trustedForwarder() external view returns (address);

    /// @notice Highest score.
    function MAX_RESPONSE() external view returns (uint8);

    /// @notice The state of request `requestHash`; `response` is 0 and `lastUpdate` the request time until it is
    /// answered. Reverts for an unknown request.
    function getValidationStatus(bytes32 requestHash)
        external
        view
        returns (
            address validatorAddress,
            uint256 agentId,
            uint8 response,
            bytes32 responseHash,
            string memory tag,
            uint256 lastUpdate
        );

    /// @notice Whether request `requestHash` exists.
    function requestExists(bytes32 requestHash) external view returns (bool);

    /// @notice Count and average score of the answered requests of `agentId`, only from `validatorAddresses` unless
    /// that list is empty, and only with `tag` unless it is empty.
    function getSummary(uint256 agentId, address[] calldata validatorAddresses, string calldata tag)
        external
        view
        returns (uint64 count, uint8 avgResponse);

    /// @notice Every request hash filed for `agentId`, oldest first.
    function getAgentValidations(uint256 agentId) external view returns (bytes32[] memory);

    /// @notice Every request hash naming `validatorAddress`, oldest first.
    function getValidatorRequests(address validatorAddress) external view returns (bytes32[] memory);
}
