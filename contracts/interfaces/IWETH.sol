// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Wrapped Ether
/// @notice WETH9 behaviour: ETH sent to `deposit` (or plainly to the contract) mints the same amount of WETH, an
/// 18-decimal ERC-20; `withdraw` burns WETH and sends the ETH back. Named errors replace WETH9's bare reverts.
interface IWETH {
    // -------------------------------------------------------------------------------------------------------------
    // Events
    // -------------------------------------------------------------------------------------------------------------

    /// @notice `dst` wrapped `wad` wei into WETH.
    event Deposit(address indexed dst, uint256 wad);

    /// @notice `src` unwrapped `wad` WETH into ETH.
    event Withdrawal(address indexed src, uint256 wad);

    // -------------------------------------------------------------------------------------------------------------
    // Errors
    // -------------------------------------------------------------------------------------------------------------

    /// @notice `account` tried to unwrap `wad` but holds only `balance` WETH. Unwrap at most the balance.
    error WETHInsufficientBalance(address account, uint256 balance, uint256 wad);

    /// @notice Sending `wad` wei to `to` failed (it rejects ETH or ran out of gas). Unwrap from an account that
    /// accepts ETH.
    error WETHETHTransferFailed(address to, uint256 wad);

    // -------------------------------------------------------------------------------------------------------------
    // Functions
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Wraps the ETH sent with the call into WETH for the caller.
    function deposit() external payable;

    /// @notice Burns `wad` WETH of the caller and sends `wad` wei to the caller.
    function withdraw(uint256 wad) external;
}
