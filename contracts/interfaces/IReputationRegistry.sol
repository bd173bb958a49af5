// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title ERC-8004 Reputation Registry
/// @notice Clients rate agents: each feedback is a signed fixed-point `value` with `valueDecimals` decimals (0-18),
/// two free tags that say what was measured (`tag1`, `tag2`), the endpoint it is about and an optional off-chain
/// file (`feedbackURI`, `feedbackHash`). A client's feedbacks for an agent are numbered from 1; the client may
/// revoke one, and anyone (the agent, typically) may append responses to it. Reads filter by client and tags:
/// anyone can rate, so a reader names the clients it trusts (`getSummary` requires them).
/// @dev Follows ERC-8004 v1 and its reference ReputationRegistry (erc-8004/erc-8004-contracts, the version with
/// `int128 value, uint8 valueDecimals`): same function signatures, return tuples and events. Differences: not
/// upgradeable (the identity registry is fixed at deployment), and custom errors instead of require strings. The
/// agent's owner, its approved address, the owner's operators and the agent's wallet may not rate it
/// (`ReputationRegistrySelfFeedback`).
interface IReputationRegistry {
    // -------------------------------------------------------------------------------------------------------------
    // Events
    // -------------------------------------------------------------------------------------------------------------

    /// @notice `clientAddress` rated agent `agentId` (its feedback number `feedbackIndex`, from 1).
    event NewFeedback(
        uint256 indexed agentId,
        address indexed clientAddress,
        uint64 feedbackIndex,
        int128 value,
        uint8 valueDecimals,
        string indexed indexedTag1,
        string tag1,
        string tag2,
        string endpoint,
        string feedbackURI,
        bytes32 feedbackHash
    );

    /// @notice `clientAddress` revoked its feedback `feedbackIndex` for agent `agentId`.
    event FeedbackRevoked(uint256 indexed agentId, address indexed clientAddress, uint64 indexed feedbackIndex);

    /// @notice `responder` answered feedback `feedbackIndex` of `clientAddress` for agent `agentId`.
    event ResponseAppended(
        uint256 indexed agentId,
        address indexed clientAddress,
        uint64 feedbackIndex,
        address indexed responder,
        string responseURI,
        bytes32 responseHash
    );

    // -------------------------------------------------------------------------------------------------------------
    // Errors
    // -------------------------------------------------------------------------------------------------------------

    /// @notice No agent has id `agentId` in the identity registry. Register the agent first (AgentRegistry.register),
    /// or check the id against its `Registered` events.
    error ReputationRegistryUnknownAgent(uint256 agentId);

    /// @notice `caller` owns agent `agentId`, is approved to act for it (approved address or operator) or is its wallet
    /// (AgentRegistry.getAgentWallet), so it may not rate it. Send the feedback from the client account that used the
    /// agent.
    error ReputationRegistrySelfFeedback(uint256 agentId, address caller);

    /// @notice `valueDecimals` is above 18. Scale the value to at most 18 decimals.
    error ReputationRegistryInvalidValueDecimals(uint8 valueDecimals);

    /// @notice `value` is beyond +-1e38. Use fewer decimals or a smaller unit.
    error ReputationRegistryValueOutOfRange(int128 value);

    /// @notice `client` has no feedback `feedbackIndex` for agent `agentId`: indexes run from 1 to `lastIndex`
    /// (0: no feedback yet). Read `getLastIndex` and pass an index in that range.
    error ReputationRegistryInvalidIndex(uint256 agentId, address client, uint64 feedbackIndex, uint64 lastIndex);

    /// @notice Feedback `feedbackIndex` of `client` for agent `agentId` is already revoked; nothing to do.
    error ReputationRegistryAlreadyRevoked(uint256 agentId, address client, uint64 feedbackIndex);

    /// @notice A response needs a `responseURI` pointing at its content. Publish the response and pass its URI.
    error ReputationRegistryEmptyResponseURI();

    /// @notice `getSummary` for agent `agentId` was called without client addresses. Name the clients you trust:
    /// anyone can rate, so a summary over all clients would be open to Sybil feedback (`getClients` lists them all).
    error ReputationRegistryNoClients(uint256 agentId);

    // -------------------------------------------------------------------------------------------------------------
    // Writes
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Rates agent `agentId` as the caller (the client): `value` with `valueDecimals` decimals, tagged
    /// `tag1`/`tag2` (any strings; empty allowed), about `endpoint`, with an optional off-chain file `feedbackURI`
    /// committed to by `feedbackHash`. The feedback gets the caller's next index for this agent.
    function giveFeedback(
        uint256 agentId,
        int128 value,
        uint8 valueDecimals,
        string calldata tag1,
        string calldata tag2,
        string calldata endpoint,
        string calldata feedbackURI,
        bytes32 feedbackHash
    ) external;

    /// @notice Revokes the caller's feedback `feedbackIndex` for agent `agentId`. It stays readable, marked revoked,
    /// and no longer counts in `getSummary`.
    function revokeFeedback(uint256 agentId, uint64 feedbackIndex) external;

    /// @notice Appends a response (at `responseURI`, committed to by `responseHash`) from the caller to feedback
    /// `feedbackIndex` of `clientAddress` for agent `agentId`. Anyone may respond, any number of times.
    function appendResponse(
        uint256 agentId,
        address clientAddress,
        uint64 feedbackIndex,
        string calldata responseURI,
        bytes32 responseHash
    ) external;

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    /// @notice The index of `clientAddress`'s last feedback for agent `agentId` (0: none).
    function getLastIndex(uint256 agentId, address clientAddress) external view returns (uint64);

    /// @notice Feedback `feedbackIndex` (from 1) of `clientAddress` for agent `agentId`, revoked or not.
    function readFeedback(uint256 agentId, address clientAddress, uint64 feedbackIndex)
        external
        view
        returns (int128 value, uint8 valueDecimals, string memory tag1, string memory tag2, bool isRevoked);

    /// @notice The count and average of the unrevoked feedback of `clientAddresses` (required, non-empty) for agent
    /// `agentId` whose tags equal `tag1` and `tag2` (an empty tag matches any). Values are averaged at 18 decimals
    /// and reported at the most frequent `valueDecimals` among them (the lowest on a tie); (0, 0, 0) when none match.
    /// @dev Reverts (SafeCast) if the average does not fit an int128 at those decimals: read the feedback then.
    function getSummary(
        uint256 agentId,
        address[] calldata clientAddresses,
        string calldata tag1,
        string calldata tag2
    ) external view returns (uint64 count, int128 summaryValue, uint8 summaryValueDecimals);

    /// @notice Every feedback of `clientAddresses` (empty: all clients, in order of their first feedback) for agent
    /// `agentId` whose tags equal `tag1` and `tag2` (empty: any), revoked ones only if `includeRevoked`; in client
    /// order, then index order. One entry per feedback across the parallel arrays.
    function readAllFeedback(
        uint256 agentId,
        address[] memory clientAddresses,
        string memory tag1,
        string memory tag2,
        bool includeRevoked
    )
        external
        view
        returns (
            address[] memory clients,
            uint64[] memory feedbackIndexes,
            int128[] memory values,
            uint8[] memory valueDecimals,
            string[] memory tag1s,
            string[] memory tag2s,
            bool[] memory revokedStatuses
        );

    /// @notice How many responses `responders` (empty: anyone) appended to feedback `feedbackIndex` of
    /// `clientAddress` for agent `agentId`. `clientAddress` 0 counts over every client's feedback and `feedbackIndex`
    /// 0 over every feedback of `clientAddress`.
    function getResponseCount(
        uint256 agentId,
        address clientAddress,
        uint64 feedbackIndex,
        address[] calldata responders
    ) external view returns (uint64 count);

    /// @notice The clients that rated agent `agentId`, in order of their first feedback.
    function getClients(uint256 agentId) external view returns (address[] memory);

    /// @notice The identity registry (the AgentRegistry) whose agents are rated.
    function getIdentityRegistry() external view returns (address);
}
