// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

import { IWETH } from "../interfaces/IWETH.sol";

/// @title WETH
/// @notice Wrapped Ether, WETH9 behaviour on OpenZeppelin's ERC-20.
/// @dev Unlike WETH9 there is no catch-all fallback: WETH9's fallback turns any unknown call (a `permit`, say)
/// into a silent zero-value deposit, which is how contracts that assumed WETH had `permit` were drained. Here only
/// plain ETH transfers (empty calldata) wrap; unknown selectors revert.
contract WETH is IWETH, ERC20 {
    // -------------------------------------------------------------------------------------------------------------
    // Constructor
    // -------------------------------------------------------------------------------------------------------------

    constructor() ERC20("Wrapped Ether", "WETH") { }

    // -------------------------------------------------------------------------------------------------------------
    // Wrapping
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Plain ETH transfers wrap, as in WETH9.
    receive() external payable {
        _deposit();
    }

    /// @inheritdoc IWETH
    function deposit() external payable {
        _deposit();
    }

    /// @inheritdoc IWETH
    function withdraw(uint256 wad) external {
        uint256 balance = balanceOf(msg.sender);
        if (balance < wad) revert WETHInsufficientBalance(msg.sender, balance, wad);
        _burn(msg.sender, wad);
        emit Withdrawal(msg.sender, wad);
        // The burn above comes first, so a re-entering receiver finds its balance already reduced.
        (bool ok,) = msg.sender.call{ value: wad }("");
        if (!ok) revert WETHETHTransferFailed(msg.sender, wad);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Internal
    // -------------------------------------------------------------------------------------------------------------

    function _deposit() private {
        _mint(msg.sender, msg.value);
        emit Deposit(msg.sender, msg.value);
    }
}
