// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { ECDSA } from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import { IDIDRegistry } from "../interfaces/IDIDRegistry.sol";

/// @title DIDRegistry
/// @notice ERC-1056 registry behind did:ethr. ABI-identical to the reference EthereumDIDRegistry, with custom errors
/// in place of its require strings.
contract DIDRegistry is IDIDRegistry {
    // -------------------------------------------------------------------------------------------------------------
    // Storage
    // -------------------------------------------------------------------------------------------------------------
    // These four are public (not private with getters) because ERC-1056 tooling calls the generated getters by
    // these exact names and argument lists.

    /// @inheritdoc IDIDRegistry
    mapping(address identity => address owner) public owners;

    /// @inheritdoc IDIDRegistry
    mapping(address identity => mapping(bytes32 delegateTypeHash => mapping(address delegate => uint256 validTo)))
        public delegates;

    /// @inheritdoc IDIDRegistry
    mapping(address identity => uint256 blockNumber) public changed;

    /// @inheritdoc IDIDRegistry
    mapping(address signer => uint256 count) public nonce;

    // -------------------------------------------------------------------------------------------------------------
    // Modifiers
    // -------------------------------------------------------------------------------------------------------------

    modifier onlyOwner(address identity, address actor) {
        _checkOwner(identity, actor);
        _;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IDIDRegistry
    function identityOwner(address identity) public view returns (address) {
        address owner = owners[identity];
        return owner == address(0) ? identity : owner;
    }

    /// @inheritdoc IDIDRegistry
    function validDelegate(address identity, bytes32 delegateType, address delegate) public view returns (bool) {
        return delegates[identity][keccak256(abi.encodePacked(delegateType))][delegate] > block.timestamp;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Owner
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IDIDRegistry
    function changeOwner(address identity, address newOwner) external {
        _changeOwner(identity, msg.sender, newOwner);
    }

    /// @inheritdoc IDIDRegistry
    function changeOwnerSigned(address identity, uint8 sigV, bytes32 sigR, bytes32 sigS, address newOwner) external {
        bytes32 hash = keccak256(
            abi.encodePacked(
                bytes1(0x19), bytes1(0), address(this), nonce[identityOwner(identity)], identity, "changeOwner", newOwner
            )
        );
        _changeOwner(identity, _checkSignature(identity, sigV, sigR, sigS, hash), newOwner);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Delegates
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IDIDRegistry
    function addDelegate(address identity, bytes32 delegateType, address delegate, uint256 validity) external {
        _addDelegate(identity, msg.sender, delegateType, delegate, validity);
    }

    /// @inheritdoc IDIDRegistry
    function addDelegateSigned(
        address identity,
        uint8 sigV,
        bytes32 sigR,
        bytes32 sigS,
        bytes32 delegateType,
        address delegate,
        uint256 validity
    ) external {
        bytes32 hash = keccak256(
            abi.encodePacked(
                bytes1(0x19),
                bytes1(0),
                address(this),
                nonce[identityOwner(identity)],
                identity,
                "addDelegate",
                delegateType,
                delegate,
                validity
            )
        );
        _addDelegate(identity, _checkSignature(identity, sigV, sigR, sigS, hash), delegateType, delegate, validity);
    }

    /// @inheritdoc IDIDRegistry
    function revokeDelegate(address identity, bytes32 delegateType, address delegate) external {
        _revokeDelegate(identity, msg.sender, delegateType, delegate);
    }

    /// @inheritdoc IDIDRegistry
    function revokeDelegateSigned(
        address identity,
        uint8 sigV,
        bytes32 sigR,
        bytes32 sigS,
        bytes32 delegateType,
        address delegate
    ) external {
        bytes32 hash = keccak256(
            abi.encodePacked(
                bytes1(0x19),
                bytes1(0),
                address(this),
                nonce[identityOwner(identity)],
                identity,
                "revokeDelegate",
                delegateType,
                delegate
            )
        );
        _revokeDelegate(identity, _checkSignature(identity, sigV, sigR, sigS, hash), delegateType, delegate);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Attributes
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IDIDRegistry
    function setAttribute(address identity, bytes32 name, bytes calldata value, uint256 validity) external {
        _setAttribute(identity, msg.sender, name, value, validity);
    }

    /// @inheritdoc IDIDRegistry
    function setAttributeSigned(
        address identity,
        uint8 sigV,
        bytes32 sigR,
        bytes32 sigS,
        bytes32 name,
        bytes calldata value,
        uint256 validity
    ) external {
        bytes32 hash = keccak256(
            abi.encodePacked(
                bytes1(0x19),
                bytes1(0),
                address(this),
                nonce[identityOwner(identity)],
                identity,
                "setAttribute",
                name,
                value,
                validity
            )
        );
        _setAttribute(identity, _checkSignature(identity, sigV, sigR, sigS, hash), name, value, validity);
    }

    /// @inheritdoc IDIDRegistry
    function revokeAttribute(address identity, bytes32 name, bytes calldata value) external {
        _revokeAttribute(identity, msg.sender, name, value);
    }

    /// @inheritdoc IDIDRegistry
    function revokeAttributeSigned(
        address identity,
        uint8 sigV,
        bytes32 sigR,
        bytes32 sigS,
        bytes32 name,
        bytes calldata value
    ) external {
        bytes32 hash = keccak256(
            abi.encodePacked(
                bytes1(0x19),
                bytes1(0),
                address(this),
                nonce[identityOwner(identity)],
                identity,
                "revokeAttribute",
                name,
                value
            )
        );
        _revokeAttribute(identity, _checkSignature(identity, sigV, sigR, sigS, hash), name, value);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Internal
    // -------------------------------------------------------------------------------------------------------------

    /// @dev Accepts the signature only from the identity's current owner and consumes the owner's nonce, which is
    /// part of the signed message: the same signature can never pass twice. OpenZeppelin's recovery also refuses
    /// malleable (high-s) signatures, which ecrecover alone would accept.
    function _checkSignature(address identity, uint8 sigV, bytes32 sigR, bytes32 sigS, bytes32 hash)
        private
        returns (address signer)
    {
        (signer,,) = ECDSA.tryRecover(hash, sigV, sigR, sigS);
        address owner = identityOwner(identity);
        if (signer != owner || signer == address(0)) revert DIDRegistryInvalidSignature(identity, signer, owner);
        nonce[signer]++;
    }

    function _checkOwner(address identity, address actor) private view {
        address owner = identityOwner(identity);
        if (actor != owner) revert DIDRegistryNotOwner(identity, actor, owner);
    }

    function _changeOwner(address identity, address actor, address newOwner) private onlyOwner(identity, actor) {
        owners[identity] = newOwner;
        emit DIDOwnerChanged(identity, newOwner, changed[identity]);
        changed[identity] = block.number;
    }

    function _addDelegate(address identity, address actor, bytes32 delegateType, address delegate, uint256 validity)
        private
        onlyOwner(identity, actor)
    {
        uint256 validTo = block.timestamp + validity;
        delegates[identity][keccak256(abi.encodePacked(delegateType))][delegate] = validTo;
        emit DIDDelegateChanged(identity, delegateType, delegate, validTo, changed[identity]);
        changed[identity] = block.number;
    }

    function _revokeDelegate(address identity, address actor, bytes32 delegateType, address delegate)
        private
        onlyOwner(identity, actor)
    {
        delegates[identity][keccak256(abi.encodePacked(delegateType))][delegate] = block.timestamp;
        emit DIDDelegateChanged(identity, delegateType, delegate, block.timestamp, changed[identity]);
        changed[identity] = block.number;
    }

    function _setAttribute(address identity, address actor, bytes32 name, bytes calldata value, uint256 validity)
        private
        onlyOwner(identity, actor)
    {
        emit DIDAttributeChanged(identity, name, value, block.timestamp + validity, changed[identity]);
        changed[identity] = block.number;
    }

    function _revokeAttribute(address identity, address actor, bytes32 name, bytes calldata value)
        private
        onlyOwner(identity, actor)
    {
        emit DIDAttributeChanged(identity, name, value, 0, changed[identity]);
        changed[identity] = block.number;
    }
}
