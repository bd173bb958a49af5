// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title ERC-1056 lightweight identity registry (did:ethr)
/// @notice Every Ethereum address is an identity with no registration. Its owner (the address itself until changed)
/// can rotate ownership, add time-limited delegates and publish attributes. The function and event ABI is exactly
/// that of the reference EthereumDIDRegistry (uport-project/ethr-did-registry), so the standard
/// `ethr-did-resolver` reads DID documents from this contract unchanged: it follows the `changed` block numbers and
/// each event's `previousChange` back through the identity's history.
/// @dev Signed ("meta-transaction") variants hash
/// `keccak256(abi.encodePacked(bytes1(0x19), bytes1(0), address(this), nonce[identityOwner(identity)], identity,
/// <function name>, <arguments>))` as ERC-1056 specifies, and the owner's nonce increases on every accepted
/// signature, so a signature works once.
interface IDIDRegistry {
    // -------------------------------------------------------------------------------------------------------------
    // Events
    // -------------------------------------------------------------------------------------------------------------

    /// @notice The owner of `identity` became `owner`.
    /// @param previousChange The block of the identity's previous change (0 if none), for walking its history.
    event DIDOwnerChanged(address indexed identity, address owner, uint256 previousChange);

    /// @notice A delegate of `identity` was added (validTo in the future) or revoked (validTo = now).
    /// @param delegateType The delegate's type, such as "veriKey" or "sigAuth" (bytes32, right-padded).
    /// @param validTo The timestamp until which the delegate is valid.
    /// @param previousChange The block of the identity's previous change.
    event DIDDelegateChanged(
        address indexed identity, bytes32 delegateType, address delegate, uint256 validTo, uint256 previousChange
    );

    /// @notice An attribute of `identity` was set (validTo in the future) or revoked (validTo = 0).
    /// @dev Attributes live only in events; `ethr-did-resolver` maps names such as `did/svc/<type>` and
    /// `did/pub/<alg>/<purpose>/<encoding>` to services and verification methods.
    /// @param validTo The timestamp until which the attribute is valid; 0 for a revocation.
    /// @param previousChange The block of the identity's previous change.
    event DIDAttributeChanged(
        address indexed identity, bytes32 name, bytes value, uint256 validTo, uint256 previousChange
    );

    // -------------------------------------------------------------------------------------------------------------
    // Errors
    // -------------------------------------------------------------------------------------------------------------

    /// @notice `actor` tried to change `identity` but its owner is `owner`. Send the call from the owner, or use
    /// the Signed variant with the owner's signature.
    error DIDRegistryNotOwner(address identity, address actor, address owner);

    /// @notice The signature on a Signed call was not made by the identity's owner over the ERC-1056 message with
    /// its current nonce (wrong key, wrong arguments, or a nonce already used). Sign again with
    /// `nonce(identityOwner(identity))`.
    error DIDRegistryInvalidSignature(address identity, address signer, address owner);

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    /// @notice The explicitly set owner of `identity`, or address(0) when it was never changed.
    function owners(address identity) external view returns (address);

    /// @notice The timestamp until which `delegate` is valid for `identity` under
    /// `keccak256(abi.encodePacked(delegateType))`, or 0.
    function delegates(address identity, bytes32 delegateTypeHash, address delegate) external view returns (uint256);

    /// @notice The block of the identity's latest change, the head of its event history.
    function changed(address identity) external view returns (uint256);

    /// @notice The number of signatures `signer` has had accepted: the nonce to sign next.
    function nonce(address signer) external view returns (uint256);

    /// @notice The current owner of `identity` (the identity itself unless changed).
    function identityOwner(address identity) external view returns (address);

    /// @notice Whether `delegate` is a valid, unexpired delegate of type `delegateType` for `identity`.
    function validDelegate(address identity, bytes32 delegateType, address delegate) external view returns (bool);

    // -------------------------------------------------------------------------------------------------------------
    // Owner
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Makes `newOwner` the owner of `identity`. Only the current owner may call it.
    function changeOwner(address identity, address newOwner) external;

    /// @notice `changeOwner` authorised by the owner's signature over
    /// `(0x19, 0x00, registry, nonce, identity, "changeOwner", newOwner)`; anyone may submit it.
    function changeOwnerSigned(address identity, uint8 sigV, bytes32 sigR, bytes32 sigS, address newOwner) external;

    // -------------------------------------------------------------------------------------------------------------
    // Delegates
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Adds `delegate` of `delegateType` to `identity` for `validity` seconds from now.
    function addDelegate(address identity, bytes32 delegateType, address delegate, uint256 validity) external;

    /// @notice `addDelegate` authorised by the owner's signature over
    /// `(0x19, 0x00, registry, nonce, identity, "addDelegate", delegateType, delegate, validity)`.
    function addDelegateSigned(
        address identity,
        uint8 sigV,
        bytes32 sigR,
        bytes32 sigS,
        bytes32 delegateType,
        address delegate,
        uint256 validity
    ) external;

    /// @notice Revokes `delegate` of `delegateType` from `identity`, effective now.
    function revokeDelegate(address identity, bytes32 delegateType, address delegate) external;

    /// @notice `revokeDelegate` authorised by the owner's signature over
    /// `(0x19, 0x00, registry, nonce, identity, "revokeDelegate", delegateType, delegate)`.
    function revokeDelegateSigned(
        address identity,
        uint8 sigV,
        bytes32 sigR,
        bytes32 sigS,
        bytes32 delegateType,
        address delegate
    ) external;

    // -------------------------------------------------------------------------------------------------------------
    // Attributes
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Publishes attribute `name` = `value` for `identity`, valid `validity` seconds from now.
    function setAttribute(address identity, bytes32 name, bytes calldata value, uint256 validity) external;

    /// @notice `setAttribute` authorised by the owner's signature over
    /// `(0x19, 0x00, registry, nonce, identity, "setAttribute", name, value, validity)`.
    function setAttributeSigned(
        address identity,
        uint8 sigV,
        bytes32 sigR,
        bytes32 sigS,
        bytes32 name,
        bytes calldata value,
        uint256 validity
    ) external;

    /// @notice Revokes attribute `name` = `value` of `identity`.
    function revokeAttribute(address identity, bytes32 name, bytes calldata value) external;

    /// @notice `revokeAttribute` authorised by the owner's signature over
    /// `(0x19, 0x00, registry, nonce, identity, "revokeAttribute", name, value)`.
    function revokeAttributeSigned(
        address identity,
        uint8 sigV,
        bytes32 sigR,
        bytes32 sigS,
        bytes32 name,
        bytes calldata value
    ) external;
}
