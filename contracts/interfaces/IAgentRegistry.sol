// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title ERC-8004 Identity Registry
/// @notice Each agent is an ERC-721 token: its id is the agentId and its tokenURI is the agentURI, which points at
/// the agent's registration file. Owners (or approved operators) keep on-chain metadata per agent; Convergence
/// agents record their did:ethr DID under the key `did`. The key `agentWallet` is reserved: it mirrors the agent's
/// verified payment wallet, which only `setAgentWallet` changes, with an EIP-712 signature from the new wallet.
/// @dev Follows the ERC-8004 draft and its reference IdentityRegistry (erc-8004/erc-8004-contracts): same function
/// signatures, events, EIP-712 type `AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)`
/// and 5-minute deadline window. Agent ids start at 1 here so that 0 can mean "no agent" in other contracts.
interface IAgentRegistry {
    // -------------------------------------------------------------------------------------------------------------
    // Types
    // -------------------------------------------------------------------------------------------------------------

    /// @notice One on-chain metadata entry, as passed to `register`.
    struct MetadataEntry {
        string metadataKey;
        bytes metadataValue;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Events
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Agent `agentId` was minted to `owner` with registration file `agentURI`.
    event Registered(uint256 indexed agentId, string agentURI, address indexed owner);

    /// @notice The registration file of `agentId` moved to `newURI`, set by `updatedBy`.
    event URIUpdated(uint256 indexed agentId, string newURI, address indexed updatedBy);

    /// @notice Metadata `metadataKey` of `agentId` became `metadataValue` (empty when cleared).
    /// @param indexedMetadataKey The same key, indexed (topic = keccak256 of the key) so logs can be filtered by it.
    event MetadataSet(
        uint256 indexed agentId, string indexed indexedMetadataKey, string metadataKey, bytes metadataValue
    );

    // -------------------------------------------------------------------------------------------------------------
    // Errors
    // -------------------------------------------------------------------------------------------------------------

    /// @notice `caller` is neither the owner of `agentId` nor approved for it. Send from the owner or an operator.
    error AgentRegistryNotAuthorized(uint256 agentId, address caller);

    /// @notice `key` is reserved (`agentWallet`): set the wallet with `setAgentWallet` instead.
    error AgentRegistryReservedKey(string key);

    /// @notice The wallet signature's `deadline` passed at `timestamp`. Sign again with a later deadline.
    error AgentRegistryExpiredSignature(uint256 deadline, uint256 timestamp);

    /// @notice `deadline` is more than `maxDeadline` (now + 5 minutes) away. Sign with a deadline within 5 minutes.
    error AgentRegistryDeadlineTooFar(uint256 deadline, uint256 maxDeadline);

    /// @notice The signature over AgentWalletSet was not made by `wallet` (or, for a contract wallet, its ERC-1271
    /// check failed). Have the new wallet sign the EIP-712 message for this agent, owner and deadline.
    error AgentRegistryInvalidWalletSignature(uint256 agentId, address wallet);

    /// @notice The new wallet is the zero address; use `unsetAgentWallet` to clear it.
    error AgentRegistryZeroWallet(uint256 agentId);

    // -------------------------------------------------------------------------------------------------------------
    // Registration
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Mints a new agent to the caller with registration file `agentURI` and the given metadata. The
    /// agent wallet starts as the caller.
    /// @return agentId The new agent's id.
    function register(string calldata agentURI, MetadataEntry[] calldata metadata) external returns (uint256 agentId);

    /// @notice Mints a new agent to the caller with registration file `agentURI`.
    function register(string calldata agentURI) external returns (uint256 agentId);

    /// @notice Mints a new agent to the caller; set its URI later with `setAgentURI`.
    function register() external returns (uint256 agentId);

    /// @notice Points `agentId` at a new registration file. Owner or approved operator only.
    function setAgentURI(uint256 agentId, string calldata newURI) external;

    // -------------------------------------------------------------------------------------------------------------
    // Metadata
    // -------------------------------------------------------------------------------------------------------------

    /// @notice The metadata value stored under `metadataKey` for `agentId` (empty if none).
    function getMetadata(uint256 agentId, string calldata metadataKey) external view returns (bytes memory);

    /// @notice Stores `metadataValue` under `metadataKey` for `agentId`. Owner or approved operator only; the key
    /// `agentWallet` is reserved.
    function setMetadata(uint256 agentId, string calldata metadataKey, bytes calldata metadataValue) external;

    // -------------------------------------------------------------------------------------------------------------
    // Agent wallet
    // -------------------------------------------------------------------------------------------------------------

    /// @notice The EIP-712 domain is ("ERC8004IdentityRegistry", "1", chain id, this contract); the message type is
    /// `AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)`.
    /// @return The AgentWalletSet type hash.
    function AGENT_WALLET_SET_TYPEHASH() external view returns (bytes32);

    /// @notice The verified payment wallet of `agentId` (address(0) after a transfer until set again). Reverts for
    /// an agent that does not exist.
    function getAgentWallet(uint256 agentId) external view returns (address);

    /// @notice Sets the payment wallet of `agentId` to `newWallet`, proven by `signature`: an EIP-712
    /// AgentWalletSet signature by `newWallet` (ECDSA, or ERC-1271 for a contract wallet) over this agent, its
    /// current owner and `deadline`, which must lie between now and now + 5 minutes. Owner or approved operator
    /// only.
    function setAgentWallet(uint256 agentId, address newWallet, uint256 deadline, bytes calldata signature) external;

    /// @notice Clears the payment wallet of `agentId`. Owner or approved operator only.
    function unsetAgentWallet(uint256 agentId) external;
}
