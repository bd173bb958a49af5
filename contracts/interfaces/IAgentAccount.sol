// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Agent account (EIP-7702)
/// @notice Code an owner's EOA delegates to with EIP-7702, keeping its address, balances, DID and ERC-8004 identity.
/// The owner (the EOA's own key: `msg.sender == address(this)`) keeps every power: it executes ERC-7821 batches
/// without limits and grants or revokes session keys. A session key (another EOA, the agent's) may call `execute` on
/// the owner's address, and each batch it sends is checked against its policy:
/// - every call's (target, selector) pair must be allowed, and no call may target the account itself (nor address(0), which ERC-7579 reads as the account; so a session
///   can never grant, widen or revoke sessions);
/// - ERC-20 `transfer`/`approve`/`transferFrom` (and ERC-721 `transferFrom`, same selector) recipients must be
///   allowed recipients; an `approve`'s spender an allowed recipient or target; a pool `swapExactIn`'s recipient the
///   account itself; ETH value may go only to allowed recipients;
/// - what the batch spends is measured as the falls in the account's balance of each capped token (ETH: address(0))
///   after each of its calls, summed (rises ignored, so money coming back in the batch, a refund or a swap's output,
///   cannot hide a spend), so no indirect path (a pool, an escrow, a callback) dodges the cap, and checked against
///   the per-call cap (one `execute` is one call) and the rolling 24-hour cap;
/// - an allowance the batch granted must be spent within the batch (back to 0 at its end): a session cannot leave an
///   approval larger than its calls needed.
/// Other functions' recipients are not decoded (a pool's `addLiquidity`, an NFT's `safeTransferFrom`): allow only
/// functions whose every effect the owner accepts; the balance caps still bound what the capped tokens can lose.
/// Session keys sign nothing for the account: `isValidSignature` (ERC-1271) accepts the owner's key only, so permits
/// and EIP-3009 authorizations stay with the owner, and a session pays with approve + call batches instead.
/// @dev Storage lives in an ERC-7201 namespace (`convergence.storage.AgentAccount`) so that it cannot collide with
/// whatever code the EOA delegated to before or delegates to later. Sessions survive a re-delegation: an owner that
/// leaves and later comes back to this code finds its unexpired, unrevoked sessions active again (revoke first).
interface IAgentAccount {
    // -------------------------------------------------------------------------------------------------------------
    // Types
    // -------------------------------------------------------------------------------------------------------------

    /// @notice A cap on what one token (address(0): ETH) may leave the account through a session.
    /// @param perCall The most one `execute` may spend (the falls in the account's balance across the batch's calls).
    /// @param perDay The most the session may spend in any rolling 24 hours (at most 2^192 - 1).
    struct TokenLimit {
        address token;
        uint256 perCall;
        uint256 perDay;
    }

    /// @notice A function a session may call: `selector` on `target`.
    struct CallPermission {
        address target;
        bytes4 selector;
    }

    /// @notice What a session key may do. Tokens without a limit may not be moved by ERC-20 calls at all, and the
    /// account's ETH counts as the token address(0) (no limit: no ETH may leave).
    /// @param expiresAt The last second (unix) the session is valid.
    struct SessionPolicy {
        uint64 expiresAt;
        TokenLimit[] limits;
        address[] recipients;
        CallPermission[] calls;
    }

    /// @notice A session as `getSession` returns it. `active` is false for an unknown, revoked or expired session.
    struct SessionView {
        uint64 id;
        bool active;
        bool revoked;
        SessionPolicy policy;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Events
    // -------------------------------------------------------------------------------------------------------------

    /// @notice The owner granted (or replaced) session key `session`, valid until `expiresAt`, as grant number `id`.
    event SessionGranted(address indexed session, uint64 indexed id, uint64 expiresAt);

    /// @notice The owner revoked session key `session`.
    event SessionRevoked(address indexed session, uint64 indexed id);

    /// @notice Session key `session` executed a batch of `calls` calls.
    event SessionExecuted(address indexed session, uint64 indexed id, uint256 calls);

    // -------------------------------------------------------------------------------------------------------------
    // Errors
    // -------------------------------------------------------------------------------------------------------------

    /// @notice `session` is not a session key of this account (never granted). Ask the owner to grant it
    /// (`grantSession`), or call from the owner's key.
    error AgentAccountUnknownSession(address session);

    /// @notice The owner revoked `session`. Ask the owner for a new grant.
    error AgentAccountSessionRevoked(address session);

    /// @notice `session` expired at `expiresAt` (now: `timestamp`). Ask the owner for a new grant.
    error AgentAccountSessionExpired(address session, uint64 expiresAt, uint256 timestamp);

    /// @notice The batch would spend `amount` of `token` (address(0): ETH), over the session's per-call cap `cap`.
    /// Spend less in one `execute`.
    error AgentAccountOverCallCap(address token, uint256 amount, uint256 cap);

    /// @notice The batch would bring the session's spending of `token` in the last 24 hours to `amount`, over its
    /// daily cap `cap`. Wait until earlier spending is more than 24 hours old, or ask the owner to raise the cap.
    error AgentAccountOverDailyCap(address token, uint256 amount, uint256 cap);

    /// @notice A call would send tokens, ETH or an allowance to `recipient`, which the session's policy does not
    /// allow. Send to an allowed recipient, or ask the owner to allow this one.
    error AgentAccountUnknownRecipient(address recipient);

    /// @notice The session may call no function of `target` (the account itself is never a session's target).
    /// Call an allowed contract, or ask the owner to allow it.
    error AgentAccountTargetNotAllowed(address target);

    /// @notice The session may call `target`, but not the function `selector`. Call an allowed function.
    error AgentAccountFunctionNotAllowed(address target, bytes4 selector);

    /// @notice The batch moves `token` with an ERC-20 call, but the session has no cap for it. Ask the owner to add a
    /// limit for the token.
    error AgentAccountTokenNotCapped(address token);

    /// @notice The batch left `remaining` of `token` approved to `spender`. Approve exactly what the batch's later
    /// calls spend.
    error AgentAccountApprovalNotConsumed(address token, address spender, uint256 remaining);

    /// @notice The session address is zero or the account itself. Grant another key.
    error AgentAccountInvalidSession(address session);

    /// @notice The policy is not valid: `reason` says what to fix (an expiry in the past, a duplicate token, a cap
    /// over 2^192 - 1, the account itself as a target).
    error AgentAccountInvalidPolicy(string reason);

    /// @notice The batch's execution mode is not the ERC-7821 batch mode this account supports for sessions
    /// (`0x01` call type batch, default exec type, no op data). Encode the calls as a plain batch.
    error AgentAccountUnsupportedMode(bytes32 mode);

    // -------------------------------------------------------------------------------------------------------------
    // Functions
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Grants `session` the policy (replacing any earlier grant, its spending history included). Owner only.
    function grantSession(address session, SessionPolicy calldata policy) external;

    /// @notice Revokes `session` at once. Owner only.
    function revokeSession(address session) external;

    /// @notice The session's grant and policy (an unknown session has id 0).
    function getSession(address session) external view returns (SessionView memory);

    /// @notice What `session` spent of `token` in the last 24 hours.
    function spentToday(address session, address token) external view returns (uint256);
}
