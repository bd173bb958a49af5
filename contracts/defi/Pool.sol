// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { ReentrancyGuard } from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

import { IPool } from "../interfaces/IPool.sol";

/// @title Pool
/// @notice Constant-product AMM for one token pair with a 0.3% fee; the pool is its own LP token.
/// @dev Uniswap V2 math (getAmountOut, sqrt first mint, pro-rata mint and burn) with the router's deadline,
/// slippage and optimal-amount checks folded in. The reentrancy guard is OpenZeppelin's storage lock, like V2's;
/// the transient-storage guard would save ~2k gas per call but makes solc print an EIP-1153 warning on every build.
contract Pool is IPool, ERC20, ReentrancyGuard {
    using SafeERC20 for IERC20;

    // -------------------------------------------------------------------------------------------------------------
    // Constants
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IPool
    uint256 public constant MINIMUM_LIQUIDITY = 1000;

    /// @dev OpenZeppelin's ERC-20 refuses to mint to address(0), where V2 locks its minimum liquidity.
    address private constant LIQUIDITY_LOCK = address(0xdEaD);

    uint256 private constant FEE_FACTOR = 997;
    uint256 private constant FEE_BASE = 1000;

    // -------------------------------------------------------------------------------------------------------------
    // Storage
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IPool
    address public immutable token0;

    /// @inheritdoc IPool
    address public immutable token1;

    // One storage slot, as in V2: a swap reads and writes both reserves for one SLOAD and one SSTORE.
    uint112 private _reserve0;
    uint112 private _reserve1;
    uint32 private _blockTimestampLast;

    // -------------------------------------------------------------------------------------------------------------
    // Modifiers
    // -------------------------------------------------------------------------------------------------------------

    modifier ensure(uint256 deadline) {
        if (block.timestamp > deadline) revert PoolDeadlineExpired(deadline, block.timestamp);
        _;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Constructor
    // -------------------------------------------------------------------------------------------------------------

    /// @param tokenA One token of the pair; the pool orders the two by address into token0 and token1.
    /// @param tokenB The other token.
    constructor(address tokenA, address tokenB) ERC20("Convergence Pool LP", "CVG-LP") {
        if (tokenA == tokenB || tokenA == address(0) || tokenB == address(0)) revert PoolInvalidPair(tokenA, tokenB);
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IPool
    function getReserves() public view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast) {
        return (_reserve0, _reserve1, _blockTimestampLast);
    }

    /// @inheritdoc IPool
    function getAmountOut(address tokenIn, uint256 amountIn) external view returns (uint256 amountOut) {
        bool zeroForOne = _isToken0(tokenIn);
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (_reserve0, _reserve1) : (_reserve1, _reserve0);
        return _getAmountOut(amountIn, reserveIn, reserveOut);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Liquidity
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IPool
    function addLiquidity(
        uint256 amount0Desired,
        uint256 amount1Desired,
        uint256 amount0Min,
        uint256 amount1Min,
        address to,
        uint256 deadline
    ) external nonReentrant ensure(deadline) returns (uint256 amount0, uint256 amount1, uint256 liquidity) {
        if (to == address(0)) revert PoolInvalidRecipient(to);
        if (amount0Desired == 0 || amount1Desired == 0) revert PoolZeroAmount();
        uint256 reserve0 = _reserve0;
        uint256 reserve1 = _reserve1;
        (amount0, amount1) =
            _optimalAmounts(amount0Desired, amount1Desired, amount0Min, amount1Min, reserve0, reserve1);

        amount0 = _pull(token0, amount0);
        amount1 = _pull(token1, amount1);
        uint256 newReserve0 = reserve0 + amount0;
        uint256 newReserve1 = reserve1 + amount1;
        if (newReserve0 > type(uint112).max || newReserve1 > type(uint112).max) {
            revert PoolReserveOverflow(newReserve0, newReserve1);
        }

        uint256 supply = totalSupply();
        if (supply == 0) {
            // Both amounts are below 2^112 (checked above), so the product cannot overflow.
            liquidity = Math.sqrt(amount0 * amount1);
            if (liquidity <= MINIMUM_LIQUIDITY) revert PoolInsufficientLiquidityMinted(amount0, amount1);
            // Cannot underflow: liquidity > MINIMUM_LIQUIDITY was just checked.
            unchecked {
                liquidity -= MINIMUM_LIQUIDITY;
            }
            _mint(LIQUIDITY_LOCK, MINIMUM_LIQUIDITY);
        } else {
            liquidity = Math.min(amount0 * supply / reserve0, amount1 * supply / reserve1);
            if (liquidity == 0) revert PoolInsufficientLiquidityMinted(amount0, amount1);
        }
        _mint(to, liquidity);
        _setReserves(newReserve0, newReserve1);
        emit LiquidityAdded(msg.sender, to, amount0, amount1, liquidity);
    }

    /// @inheritdoc IPool
    function removeLiquidity(uint256 liquidity, uint256 amount0Min, uint256 amount1Min, address to, uint256 deadline)
        external
        nonReentrant
        ensure(deadline)
        returns (uint256 amount0, uint256 amount1)
    {
        if (liquidity == 0) revert PoolZeroAmount();
        _checkRecipient(to);
        uint256 reserve0 = _reserve0;
        uint256 reserve1 = _reserve1;
        uint256 supply = totalSupply();
        amount0 = liquidity * reserve0 / supply;
        amount1 = liquidity * reserve1 / supply;
        if (amount0 == 0 || amount1 == 0) revert PoolInsufficientLiquidityBurned(liquidity);
        if (amount0 < amount0Min) revert PoolInsufficientAmount(token0, amount0, amount0Min);
        if (amount1 < amount1Min) revert PoolInsufficientAmount(token1, amount1, amount1Min);

        // Reverts with ERC20InsufficientBalance if the caller holds less than `liquidity`.
        _burn(msg.sender, liquidity);
        // Cannot underflow: liquidity <= supply, so each amount is at most its reserve.
        unchecked {
            _setReserves(reserve0 - amount0, reserve1 - amount1);
        }
        IERC20(token0).safeTransfer(to, amount0);
        IERC20(token1).safeTransfer(to, amount1);
        emit LiquidityRemoved(msg.sender, to, amount0, amount1, liquidity);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Swaps
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IPool
    function swapExactIn(address tokenIn, uint256 amountIn, uint256 minAmountOut, address recipient, uint256 deadline)
        external
        nonReentrant
        ensure(deadline)
        returns (uint256 amountOut)
    {
        bool zeroForOne = _isToken0(tokenIn);
        if (amountIn == 0) revert PoolZeroAmount();
        _checkRecipient(recipient);
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (_reserve0, _reserve1) : (_reserve1, _reserve0);

        uint256 received = _pull(tokenIn, amountIn);
        if (reserveIn + received > type(uint112).max) {
            revert PoolReserveOverflow(reserveIn + received, reserveOut);
        }
        amountOut = _getAmountOut(received, reserveIn, reserveOut);
        if (amountOut == 0 || amountOut < minAmountOut) revert PoolInsufficientOutputAmount(amountOut, minAmountOut);

        // Cannot underflow: getAmountOut < reserveOut. The sum fits 112 bits (checked above).
        unchecked {
            uint256 newReserveIn = reserveIn + received;
            uint256 newReserveOut = reserveOut - amountOut;
            if (zeroForOne) _setReserves(newReserveIn, newReserveOut);
            else _setReserves(newReserveOut, newReserveIn);
        }
        IERC20(zeroForOne ? token1 : token0).safeTransfer(recipient, amountOut);
        emit Swapped(msg.sender, recipient, tokenIn, received, amountOut);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Internal
    // -------------------------------------------------------------------------------------------------------------

    /// @dev Uniswap V2's getAmountOut: the 0.3% fee comes off the input, the rest trades on x*y=k, rounded down
    /// so that k never decreases. The result is always below reserveOut.
    function _getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) private pure returns (uint256) {
        if (amountIn == 0) revert PoolZeroAmount();
        if (reserveIn == 0 || reserveOut == 0) revert PoolInsufficientLiquidity(reserveIn, reserveOut);
        uint256 amountInWithFee = amountIn * FEE_FACTOR;
        return amountInWithFee * reserveOut / (reserveIn * FEE_BASE + amountInWithFee);
    }

    /// @dev The Uniswap V2 router's deposit rule: keep the pool ratio, using all of one desired amount and as much
    /// of the other as that ratio needs.
    function _optimalAmounts(
        uint256 amount0Desired,
        uint256 amount1Desired,
        uint256 amount0Min,
        uint256 amount1Min,
        uint256 reserve0,
        uint256 reserve1
    ) private view returns (uint256 amount0, uint256 amount1) {
        if (reserve0 == 0 && reserve1 == 0) return (amount0Desired, amount1Desired);
        uint256 amount1Optimal = Math.mulDiv(amount0Desired, reserve1, reserve0);
        if (amount1Optimal <= amount1Desired) {
            if (amount1Optimal < amount1Min) revert PoolInsufficientAmount(token1, amount1Optimal, amount1Min);
            return (amount0Desired, amount1Optimal);
        }
        // Here amount0Optimal <= amount0Desired, since amount1Desired < amount0Desired * reserve1 / reserve0.
        uint256 amount0Optimal = Math.mulDiv(amount1Desired, reserve0, reserve1);
        if (amount0Optimal < amount0Min) revert PoolInsufficientAmount(token0, amount0Optimal, amount0Min);
        return (amount0Optimal, amount1Desired);
    }

    /// @dev Pulls `amount` of `token` from the caller and returns what actually arrived.
    function _pull(address token, uint256 amount) private returns (uint256 received) {
        uint256 balanceBefore = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        received = IERC20(token).balanceOf(address(this)) - balanceBefore;
    }

    /// @dev Callers check both values fit 112 bits. The timestamp wraps every 136 years, as in V2.
    function _setReserves(uint256 reserve0, uint256 reserve1) private {
        _reserve0 = uint112(reserve0);
        _reserve1 = uint112(reserve1);
        _blockTimestampLast = uint32(block.timestamp);
    }

    function _isToken0(address token) private view returns (bool) {
        if (token == token0) return true;
        if (token == token1) return false;
        revert PoolUnknownToken(token);
    }

    function _checkRecipient(address recipient) private view {
        if (recipient == address(0) || recipient == token0 || recipient == token1) {
            revert PoolInvalidRecipient(recipient);
        }
    }
}
