// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Constant-product pool
/// @notice A Uniswap V2-style x*y=k pool for one token pair (deployed as WETH/USDC) with a 0.3% swap fee that
/// stays in the pool for liquidity providers. The pool is itself the ERC-20 LP token; the first deposit locks
/// MINIMUM_LIQUIDITY LP tokens forever so the share price can never be pushed to extremes. Unlike a bare V2 pair,
/// the router checks live here: deadlines, slippage bounds and optimal deposit amounts.
/// @dev Reserves are the pool's own accounting, moved only by these functions by the amounts the pool actually
/// received (measured as the balance change, so a fee-on-transfer token is priced on what arrives) or sent. Tokens
/// sent to the pool outside these functions are a gift that changes no price and cannot push the reserves past
/// their 112-bit range (which would otherwise block every withdrawal).
interface IPool {
    // -------------------------------------------------------------------------------------------------------------
    // Events
    // -------------------------------------------------------------------------------------------------------------

    /// @notice `sender` paid `amountIn` of `tokenIn` and `recipient` received `amountOut` of the other token.
    event Swapped(
        address indexed sender, address indexed recipient, address indexed tokenIn, uint256 amountIn, uint256 amountOut
    );

    /// @notice `provider` deposited `amount0` and `amount1`, minting `liquidity` LP tokens to `to`.
    event LiquidityAdded(
        address indexed provider, address indexed to, uint256 amount0, uint256 amount1, uint256 liquidity
    );

    /// @notice `provider` burned `liquidity` LP tokens and `to` received `amount0` and `amount1`.
    event LiquidityRemoved(
        address indexed provider, address indexed to, uint256 amount0, uint256 amount1, uint256 liquidity
    );

    // -------------------------------------------------------------------------------------------------------------
    // Errors
    // -------------------------------------------------------------------------------------------------------------

    /// @notice The call's `deadline` passed at `timestamp`. Resubmit with a later deadline.
    error PoolDeadlineExpired(uint256 deadline, uint256 timestamp);

    /// @notice An amount that must be positive was zero (amountIn, a deposit, or liquidity to remove).
    error PoolZeroAmount();

    /// @notice `token` is neither token0 nor token1 of this pool.
    error PoolUnknownToken(address token);

    /// @notice The pool lacks liquidity for this (reserves `reserveIn`/`reserveOut`; empty, or the trade would
    /// drain it). Add liquidity first or trade less.
    error PoolInsufficientLiquidity(uint256 reserveIn, uint256 reserveOut);

    /// @notice The swap would pay `amountOut`, below the caller's `minAmountOut`: the price moved. Quote again and
    /// resubmit, or accept more slippage.
    error PoolInsufficientOutputAmount(uint256 amountOut, uint256 minAmountOut);

    /// @notice Only `amount` of `token` could be deposited or withdrawn, below the caller's `minAmount`: the pool
    /// price moved. Quote again and resubmit, or accept more slippage.
    error PoolInsufficientAmount(address token, uint256 amount, uint256 minAmount);

    /// @notice The deposit is too small to mint any LP token (or, for the first deposit, to cover the locked
    /// MINIMUM_LIQUIDITY). Deposit more.
    error PoolInsufficientLiquidityMinted(uint256 amount0, uint256 amount1);

    /// @notice Burning `liquidity` LP tokens would pay out nothing of one token. Remove more liquidity.
    error PoolInsufficientLiquidityBurned(uint256 liquidity);

    /// @notice `recipient` cannot receive pool output (the zero address or one of the pool's tokens).
    error PoolInvalidRecipient(address recipient);

    /// @notice The deposit would take a reserve past 112 bits (`reserve0`, `reserve1` after it). Deposit less.
    error PoolReserveOverflow(uint256 reserve0, uint256 reserve1);

    /// @notice The pair given at deployment is invalid: identical tokens or the zero address.
    error PoolInvalidPair(address tokenA, address tokenB);

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    /// @notice LP tokens locked by the first deposit (held by 0x…dEaD).
    function MINIMUM_LIQUIDITY() external view returns (uint256);

    /// @notice The pair's token with the lower address.
    function token0() external view returns (address);

    /// @notice The pair's token with the higher address.
    function token1() external view returns (address);

    /// @notice The reserves the pool prices against and the timestamp of their last update.
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);

    /// @notice What `swapExactIn(tokenIn, amountIn, ...)` would pay now, after the 0.3% fee (Uniswap V2
    /// getAmountOut, rounded down).
    function getAmountOut(address tokenIn, uint256 amountIn) external view returns (uint256 amountOut);

    // -------------------------------------------------------------------------------------------------------------
    // Liquidity
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Deposits at the current ratio: as much of `amount0Desired`/`amount1Desired` as the price allows and
    /// no less than `amount0Min`/`amount1Min`, pulled from the caller (approve first), and mints LP tokens to `to`.
    /// The first deposit sets the price.
    /// @return amount0 The token0 deposited.
    /// @return amount1 The token1 deposited.
    /// @return liquidity The LP tokens minted to `to`.
    function addLiquidity(
        uint256 amount0Desired,
        uint256 amount1Desired,
        uint256 amount0Min,
        uint256 amount1Min,
        address to,
        uint256 deadline
    ) external returns (uint256 amount0, uint256 amount1, uint256 liquidity);

    /// @notice Burns `liquidity` of the caller's LP tokens and sends the pro-rata share of both tokens to `to`,
    /// reverting if either is below its minimum.
    function removeLiquidity(uint256 liquidity, uint256 amount0Min, uint256 amount1Min, address to, uint256 deadline)
        external
        returns (uint256 amount0, uint256 amount1);

    // -------------------------------------------------------------------------------------------------------------
    // Swaps
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Sells exactly `amountIn` of `tokenIn` (pulled from the caller; approve first) for at least
    /// `minAmountOut` of the other token, sent to `recipient`, before `deadline`.
    /// @return amountOut The amount `recipient` received.
    function swapExactIn(
        address tokenIn,
        uint256 amountIn,
        uint256 minAmountOut,
        address recipient,
        uint256 deadline
    ) external returns (uint256 amountOut);
}
