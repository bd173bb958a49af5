// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { ERC721 } from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import { ERC721URIStorage } from "@openzeppelin/contracts/token/ERC721/extensions/ERC721URIStorage.sol";
import { EIP712 } from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import { SignatureChecker } from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import { IAgentRegistry } from "../interfaces/IAgentRegistry.sol";

/// @title AgentRegistry
/// @notice ERC-8004 Identity Registry: agents as ERC-721 tokens with a registration URI, on-chain metadata and a
/// verified payment wallet.
contract AgentRegistry is IAgentRegistry, ERC721URIStorage, EIP712 {
    // -------------------------------------------------------------------------------------------------------------
    // Constants
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentRegistry
    bytes32 public constant AGENT_WALLET_SET_TYPEHASH =
        keccak256("AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)");

    /// @dev A wallet signature may not be valid for longer than this, which bounds how long a signature that was
    /// handed out but not used can be replayed.
    uint256 private constant MAX_DEADLINE_DELAY = 5 minutes;

    string private constant AGENT_WALLET_KEY = "agentWallet";
    bytes32 private constant AGENT_WALLET_KEY_HASH = keccak256(bytes(AGENT_WALLET_KEY));

    // -------------------------------------------------------------------------------------------------------------
    // Storage
    // -------------------------------------------------------------------------------------------------------------

    uint256 private _lastId;
    mapping(uint256 agentId => mapping(string metadataKey => bytes metadataValue)) private _metadata;
    mapping(uint256 agentId => address wallet) private _agentWallet;

    // -------------------------------------------------------------------------------------------------------------
    // Constructor
    // -------------------------------------------------------------------------------------------------------------

    constructor() ERC721("AgentIdentity", "AGENT") EIP712("ERC8004IdentityRegistry", "1") { }

    // -------------------------------------------------------------------------------------------------------------
    // Registration
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentRegistry
    function register(string calldata agentURI, MetadataEntry[] calldata metadata) external returns (uint256 agentId) {
        agentId = _register(agentURI);
        for (uint256 i; i < metadata.length; ++i) {
            _setMetadata(agentId, metadata[i].metadataKey, metadata[i].metadataValue);
        }
        _safeMint(msg.sender, agentId);
    }

    /// @inheritdoc IAgentRegistry
    function register(string calldata agentURI) external returns (uint256 agentId) {
        agentId = _register(agentURI);
        _safeMint(msg.sender, agentId);
    }

    /// @inheritdoc IAgentRegistry
    function register() external returns (uint256 agentId) {
        agentId = _register("");
        _safeMint(msg.sender, agentId);
    }

    /// @inheritdoc IAgentRegistry
    function setAgentURI(uint256 agentId, string calldata newURI) external {
        _checkAuthorized(agentId);
        _setTokenURI(agentId, newURI);
        emit URIUpdated(agentId, newURI, msg.sender);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Metadata
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentRegistry
    function getMetadata(uint256 agentId, string calldata metadataKey) external view returns (bytes memory) {
        if (keccak256(bytes(metadataKey)) == AGENT_WALLET_KEY_HASH) {
            address wallet = _agentWallet[agentId];
            return wallet == address(0) ? bytes("") : abi.encodePacked(wallet);
        }
        return _metadata[agentId][metadataKey];
    }

    /// @inheritdoc IAgentRegistry
    function setMetadata(uint256 agentId, string calldata metadataKey, bytes calldata metadataValue) external {
        _checkAuthorized(agentId);
        _setMetadata(agentId, metadataKey, metadataValue);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Agent wallet
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentRegistry
    function getAgentWallet(uint256 agentId) external view returns (address) {
        _requireOwned(agentId);
        return _agentWallet[agentId];
    }

    /// @inheritdoc IAgentRegistry
    function setAgentWallet(uint256 agentId, address newWallet, uint256 deadline, bytes calldata signature) external {
        if (newWallet == address(0)) revert AgentRegistryZeroWallet(agentId);
        if (block.timestamp > deadline) revert AgentRegistryExpiredSignature(deadline, block.timestamp);
        if (deadline > block.timestamp + MAX_DEADLINE_DELAY) {
            revert AgentRegistryDeadlineTooFar(deadline, block.timestamp + MAX_DEADLINE_DELAY);
        }
        address owner = _checkAuthorized(agentId);

        // The owner is part of the message, so a signature stops working once the agent changes hands.
        bytes32 digest =
            _hashTypedDataV4(keccak256(abi.encode(AGENT_WALLET_SET_TYPEHASH, agentId, newWallet, owner, deadline)));
        if (!SignatureChecker.isValidSignatureNow(newWallet, digest, signature)) {
            revert AgentRegistryInvalidWalletSignature(agentId, newWallet);
        }

        _setAgentWallet(agentId, newWallet);
    }

    /// @inheritdoc IAgentRegistry
    function unsetAgentWallet(uint256 agentId) external {
        _checkAuthorized(agentId);
        _setAgentWallet(agentId, address(0));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Internal
    // -------------------------------------------------------------------------------------------------------------

    /// @dev Records the agent before minting so that the receiver hook of `_safeMint` (the last step) sees a
    /// complete agent.
    function _register(string memory agentURI) private returns (uint256 agentId) {
        agentId = ++_lastId;
        if (bytes(agentURI).length != 0) _setTokenURI(agentId, agentURI);
        emit Registered(agentId, agentURI, msg.sender);
        _setAgentWallet(agentId, msg.sender);
    }

    function _setMetadata(uint256 agentId, string calldata metadataKey, bytes calldata metadataValue) private {
        if (keccak256(bytes(metadataKey)) == AGENT_WALLET_KEY_HASH) revert AgentRegistryReservedKey(metadataKey);
        _metadata[agentId][metadataKey] = metadataValue;
        emit MetadataSet(agentId, metadataKey, metadataKey, metadataValue);
    }

    function _setAgentWallet(uint256 agentId, address wallet) private {
        _agentWallet[agentId] = wallet;
        emit MetadataSet(
            agentId, AGENT_WALLET_KEY, AGENT_WALLET_KEY, wallet == address(0) ? bytes("") : abi.encodePacked(wallet)
        );
    }

    /// @dev Reverts unless the caller is the owner of `agentId`, approved for it, or an operator of its owner.
    function _checkAuthorized(uint256 agentId) private view returns (address owner) {
        owner = _requireOwned(agentId);
        if (!_isAuthorized(owner, msg.sender, agentId)) revert AgentRegistryNotAuthorized(agentId, msg.sender);
    }

    /// @dev A verified wallet does not follow the token: the new owner must prove a wallet of their own.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = super._update(to, tokenId, auth);
        if (from != address(0) && to != address(0) && _agentWallet[tokenId] != address(0)) {
            _setAgentWallet(tokenId, address(0));
        }
    }
}
