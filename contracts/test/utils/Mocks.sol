// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import { IERC1271 } from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import { ECDSA } from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import { IWETH } from "../../interfaces/IWETH.sol";

/// @notice Test-only ERC-20 whose transfers can burn a fee (basis points) and can call back into a target once, to
/// exercise fee-on-transfer accounting and reentrancy guards.
contract MockToken is ERC20 {
    uint256 public feeBps;
    address public callbackTarget;
    bytes public callbackData;
    bool public callbackSucceeded;
    bytes public callbackReturn;

    constructor(string memory symbol) ERC20(symbol, symbol) { }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFeeBps(uint256 bps) external {
        feeBps = bps;
    }

    function setCallback(address target, bytes calldata data) external {
        callbackTarget = target;
        callbackData = data;
    }

    function _update(address from, address to, uint256 value) internal override {
        uint256 fee = from == address(0) || to == address(0) ? 0 : value * feeBps / 10_000;
        super._update(from, to, value - fee);
        if (fee != 0) super._update(from, address(0), fee);
        address target = callbackTarget;
        if (target != address(0)) {
            callbackTarget = address(0);
            (callbackSucceeded, callbackReturn) = target.call(callbackData);
        }
    }
}

/// @notice Test-only ERC-1271 contract wallet that accepts ECDSA signatures of its owner key.
contract MockContractWallet is IERC1271 {
    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address signer,,) = ECDSA.tryRecover(hash, signature);
        return signer == owner ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }
}

/// @notice Test-only account that refuses ETH, so WETH withdrawals to it fail.
contract EtherRejecter {
    error EtherRejecterRefused();

    function withdrawFrom(IWETH weth, uint256 wad) external {
        weth.withdraw(wad);
    }

    function depositTo(IWETH weth) external payable {
        weth.deposit{ value: msg.value }();
    }

    receive() external payable {
        revert EtherRejecterRefused();
    }
}

/// @notice Test-only account that tries to withdraw again from inside WETH's ETH transfer.
contract ReentrantWithdrawer {
    IWETH private immutable _weth;
    bool public reentered;

    constructor(IWETH weth) {
        _weth = weth;
    }

    function depositAndWithdraw(uint256 wad) external payable {
        _weth.deposit{ value: msg.value }();
        _weth.withdraw(wad);
    }

    receive() external payable {
        if (!reentered) {
            reentered = true;
            _weth.withdraw(msg.value);
        }
    }
}
