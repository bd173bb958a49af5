// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Devnet USDC: the parts beyond ERC-20 and ERC-2612
/// @notice A 6-decimal stablecoin for the local devnet with the interface of Circle's FiatToken where agents use it:
/// ERC-20, ERC-2612 `permit`, and EIP-3009 authorizations (gasless transfers signed by the payer and submitted by
/// anyone, or by the payee only for `receiveWithAuthorization`). Each EIP-3009 authorization carries a random
/// 32-byte nonce chosen by the signer; once used or canceled it can never be used again.
/// @dev EIP-712 domain: name "USD Coin (Devnet)", version "1" (OpenZeppelin ERC20Permit's), the chain id and this
/// contract; `eip712Domain()` (ERC-5267) returns it. Typehashes are Circle's.
interface IUSDC {
    // -------------------------------------------------------------------------------------------------------------
    // Events
    // -------------------------------------------------------------------------------------------------------------

    /// @notice The authorization `nonce` of `authorizer` was used for a transfer.
    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);

    /// @notice The authorization `nonce` of `authorizer` was canceled before use.
    event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce);

    // -------------------------------------------------------------------------------------------------------------
    // Errors
    // -------------------------------------------------------------------------------------------------------------

    /// @notice The authorization becomes valid only after `validAfter`; it is `timestamp`. Submit it later.
    error USDCAuthorizationNotYetValid(uint256 validAfter, uint256 timestamp);

    /// @notice The authorization was valid only before `validBefore`; it is `timestamp`. Ask for a new one.
    error USDCAuthorizationExpired(uint256 validBefore, uint256 timestamp);

    /// @notice `nonce` of `authorizer` was already used or canceled. Sign a new authorization with a fresh nonce.
    error USDCAuthorizationUsedOrCanceled(address authorizer, bytes32 nonce);

    /// @notice The signature does not belong to `authorizer` for this message (wrong key, altered fields, or
    /// another chain or contract). Sign the EIP-712 message again with the authorizer's key.
    error USDCInvalidSignature(address authorizer);

    /// @notice `receiveWithAuthorization` was sent by `caller`, but only the payee `payee` may submit it (this stops
    /// a front-runner from moving the funds without running the payee's logic).
    error USDCCallerNotPayee(address caller, address payee);

    // -------------------------------------------------------------------------------------------------------------
    // EIP-3009
    // -------------------------------------------------------------------------------------------------------------

    /// @notice keccak256("TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)")
    function TRANSFER_WITH_AUTHORIZATION_TYPEHASH() external view returns (bytes32);

    /// @notice keccak256("ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)")
    function RECEIVE_WITH_AUTHORIZATION_TYPEHASH() external view returns (bytes32);

    /// @notice keccak256("CancelAuthorization(address authorizer,bytes32 nonce)")
    function CANCEL_AUTHORIZATION_TYPEHASH() external view returns (bytes32);

    /// @notice Whether `nonce` of `authorizer` has been used or canceled.
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool);

    /// @notice Moves `value` from `from` to `to` with `from`'s signed authorization; anyone may submit it, once,
    /// strictly between `validAfter` and `validBefore`.
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice `transferWithAuthorization` with a packed signature, which may also be an ERC-1271 contract
    /// signature when `from` is a contract wallet.
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external;

    /// @notice Like `transferWithAuthorization`, but only the payee `to` may submit it.
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice `receiveWithAuthorization` with a packed (or ERC-1271) signature.
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external;

    /// @notice Cancels the unused authorization `nonce` of `authorizer`, with `authorizer`'s signature over
    /// CancelAuthorization.
    function cancelAuthorization(address authorizer, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) external;

    /// @notice `cancelAuthorization` with a packed (or ERC-1271) signature.
    function cancelAuthorization(address authorizer, bytes32 nonce, bytes calldata signature) external;

    // -------------------------------------------------------------------------------------------------------------
    // Supply
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Creates `amount` (6 decimals) for `to`. Owner only: this is a devnet token.
    function mint(address to, uint256 amount) external;
}
