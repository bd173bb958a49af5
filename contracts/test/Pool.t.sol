// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { IERC20Errors } from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { ReentrancyGuard } from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

import { Pool } from "../defi/Pool.sol";
import { WETH } from "../defi/WETH.sol";
import { IPool } from "../interfaces/IPool.sol";
import { USDC } from "../payments/USDC.sol";
import { MockToken } from "./utils/Mocks.sol";
import { Test } from "./utils/Test.sol";

contract PoolTest is Test {
    WETH internal weth;
    USDC internal usdc;
    Pool internal pool;
    bool internal wethIsToken0;

    address internal lp = address(0x1111);
    address internal trader = address(0x2222);
    address internal constant DEAD = address(0xdEaD);

    uint256 internal constant SEED_WETH = 100 ether;
    uint256 internal constant SEED_USDC = 300_000e6;

    function setUp() public {
        weth = new WETH();
        usdc = new USDC(address(this));
        pool = new Pool(address(weth), address(usdc));
        wethIsToken0 = pool.token0() == address(weth);
        _fund(lp, 1_000 ether, 10_000_000e6);
        _fund(trader, 1_000 ether, 10_000_000e6);
        vm.warp(1_700_000_000);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Helpers
    // -------------------------------------------------------------------------------------------------------------

    function _fund(address who, uint256 wethAmount, uint256 usdcAmount) internal {
        vm.deal(who, who.balance + wethAmount);
        vm.startPrank(who);
        weth.deposit{ value: wethAmount }();
        weth.approve(address(pool), type(uint256).max);
        usdc.approve(address(pool), type(uint256).max);
        vm.stopPrank();
        usdc.mint(who, usdcAmount);
    }

    /// @dev (WETH, USDC) amounts in pool order.
    function _pair(uint256 wethAmount, uint256 usdcAmount) internal view returns (uint256, uint256) {
        return wethIsToken0 ? (wethAmount, usdcAmount) : (usdcAmount, wethAmount);
    }

    function _seed(uint256 wethAmount, uint256 usdcAmount) internal returns (uint256 liquidity) {
        (uint256 a0, uint256 a1) = _pair(wethAmount, usdcAmount);
        vm.prank(lp);
        (,, liquidity) = pool.addLiquidity(a0, a1, 0, 0, lp, block.timestamp);
    }

    function _reserves() internal view returns (uint256 wethReserve, uint256 usdcReserve) {
        (uint112 r0, uint112 r1,) = pool.getReserves();
        return wethIsToken0 ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
    }

    function _assertReservesMatchBalances() internal view {
        (uint256 wethReserve, uint256 usdcReserve) = _reserves();
        assertEq(wethReserve, weth.balanceOf(address(pool)), "WETH reserve = balance");
        assertEq(usdcReserve, usdc.balanceOf(address(pool)), "USDC reserve = balance");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Constructor and reads
    // -------------------------------------------------------------------------------------------------------------

    function test_constructor_ordersTokensByAddress() public {
        assertLt(uint160(pool.token0()), uint160(pool.token1()), "token0 < token1");
        Pool reversed = new Pool(address(usdc), address(weth));
        assertEq(reversed.token0(), pool.token0(), "same order either way");
    }

    function test_constructor_revertsIdenticalTokens() public {
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolInvalidPair.selector, address(weth), address(weth)));
        new Pool(address(weth), address(weth));
    }

    function test_constructor_revertsZeroToken() public {
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolInvalidPair.selector, address(0), address(usdc)));
        new Pool(address(0), address(usdc));
    }

    function test_getAmountOut_matchesUniswapV2Formula() public {
        MockToken a = new MockToken("A");
        MockToken b = new MockToken("B");
        Pool small = new Pool(address(a), address(b));
        a.mint(address(this), 2e6);
        b.mint(address(this), 2e6);
        a.approve(address(small), type(uint256).max);
        b.approve(address(small), type(uint256).max);
        small.addLiquidity(1e6, 1e6, 0, 0, address(this), block.timestamp);
        // 100,000 * 997 * 1,000,000 / (1,000,000 * 1000 + 100,000 * 997) = 90,661.09...
        assertEq(small.getAmountOut(address(a), 100_000), 90_661, "V2 getAmountOut");
        assertEq(small.getAmountOut(address(b), 100_000), 90_661, "symmetric");
    }

    function test_getAmountOut_revertsUnknownToken() public {
        _seed(SEED_WETH, SEED_USDC);
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolUnknownToken.selector, address(this)));
        pool.getAmountOut(address(this), 1);
    }

    function test_getAmountOut_revertsOnEmptyPool() public {
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolInsufficientLiquidity.selector, 0, 0));
        pool.getAmountOut(address(weth), 1 ether);
    }

    // -------------------------------------------------------------------------------------------------------------
    // addLiquidity
    // -------------------------------------------------------------------------------------------------------------

    function test_addLiquidity_firstDepositLocksMinimum() public {
        (uint256 a0, uint256 a1) = _pair(SEED_WETH, SEED_USDC);
        uint256 expected = Math.sqrt(SEED_WETH * SEED_USDC) - 1000;
        vm.expectEmit(address(pool));
        emit IPool.LiquidityAdded(lp, lp, a0, a1, expected);
        vm.prank(lp);
        (uint256 used0, uint256 used1, uint256 liquidity) = pool.addLiquidity(a0, a1, a0, a1, lp, block.timestamp);
        assertEq(used0, a0, "amount0");
        assertEq(used1, a1, "amount1");
        assertEq(liquidity, expected, "sqrt(k) - MINIMUM_LIQUIDITY");
        assertEq(pool.balanceOf(lp), expected, "lp tokens");
        assertEq(pool.balanceOf(DEAD), pool.MINIMUM_LIQUIDITY(), "locked");
        assertEq(pool.totalSupply(), expected + 1000, "supply");
        _assertReservesMatchBalances();
    }

    function test_addLiquidity_keepsPoolRatio() public {
        uint256 first = _seed(SEED_WETH, SEED_USDC);
        // Offers 10 WETH and 100,000 USDC; at 3,000 USDC/WETH only 30,000 USDC is taken.
        (uint256 d0, uint256 d1) = _pair(10 ether, 100_000e6);
        vm.prank(trader);
        (uint256 used0, uint256 used1, uint256 liquidity) = pool.addLiquidity(d0, d1, 0, 0, trader, block.timestamp);
        (uint256 wethUsed, uint256 usdcUsed) = wethIsToken0 ? (used0, used1) : (used1, used0);
        assertEq(wethUsed, 10 ether, "all WETH");
        assertEq(usdcUsed, 30_000e6, "USDC at the pool ratio");
        assertEq(liquidity, (first + 1000) / 10, "a tenth of the supply");
        _assertReservesMatchBalances();
    }

    function test_addLiquidity_revertsBelowMinimum() public {
        _seed(SEED_WETH, SEED_USDC);
        // 20,000 USDC buys only 6.67 WETH of room, below the 10 WETH minimum.
        (uint256 d0, uint256 d1) = _pair(10 ether, 20_000e6);
        (uint256 m0, uint256 m1) = _pair(10 ether, 0);
        uint256 wethOptimal = uint256(20_000e6) * SEED_WETH / SEED_USDC;
        vm.expectRevert(
            abi.encodeWithSelector(IPool.PoolInsufficientAmount.selector, address(weth), wethOptimal, 10 ether)
        );
        vm.prank(trader);
        pool.addLiquidity(d0, d1, m0, m1, trader, block.timestamp);
    }

    function test_addLiquidity_revertsPastDeadline() public {
        vm.expectRevert(
            abi.encodeWithSelector(IPool.PoolDeadlineExpired.selector, block.timestamp - 1, block.timestamp)
        );
        vm.prank(lp);
        pool.addLiquidity(1 ether, 1 ether, 0, 0, lp, block.timestamp - 1);
    }

    function test_addLiquidity_revertsZeroAmount() public {
        vm.expectRevert(IPool.PoolZeroAmount.selector);
        vm.prank(lp);
        pool.addLiquidity(0, 1 ether, 0, 0, lp, block.timestamp);
    }

    function test_addLiquidity_revertsZeroRecipient() public {
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolInvalidRecipient.selector, address(0)));
        vm.prank(lp);
        pool.addLiquidity(1 ether, 1 ether, 0, 0, address(0), block.timestamp);
    }

    function test_addLiquidity_revertsTinyFirstDeposit() public {
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolInsufficientLiquidityMinted.selector, 1000, 1000));
        vm.prank(lp);
        pool.addLiquidity(1000, 1000, 0, 0, lp, block.timestamp);
    }

    function test_addLiquidity_revertsReserveOverflow() public {
        MockToken a = new MockToken("A");
        MockToken b = new MockToken("B");
        Pool big = new Pool(address(a), address(b));
        uint256 tooMuch = uint256(type(uint112).max) + 1;
        a.mint(address(this), tooMuch);
        b.mint(address(this), 1e18);
        a.approve(address(big), type(uint256).max);
        b.approve(address(big), type(uint256).max);
        (uint256 r0, uint256 r1) = big.token0() == address(a) ? (tooMuch, uint256(1e18)) : (uint256(1e18), tooMuch);
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolReserveOverflow.selector, r0, r1));
        big.addLiquidity(r0, r1, 0, 0, address(this), block.timestamp);
    }

    // -------------------------------------------------------------------------------------------------------------
    // removeLiquidity
    // -------------------------------------------------------------------------------------------------------------

    function test_removeLiquidity_paysProRataShare() public {
        uint256 liquidity = _seed(SEED_WETH, SEED_USDC);
        uint256 supply = pool.totalSupply();
        uint256 half = liquidity / 2;
        (uint256 e0, uint256 e1) = _pair(half * SEED_WETH / supply, half * SEED_USDC / supply);
        vm.expectEmit(address(pool));
        emit IPool.LiquidityRemoved(lp, trader, e0, e1, half);
        vm.prank(lp);
        (uint256 out0, uint256 out1) = pool.removeLiquidity(half, e0, e1, trader, block.timestamp);
        assertEq(out0, e0, "amount0");
        assertEq(out1, e1, "amount1");
        assertEq(pool.balanceOf(lp), liquidity - half, "burned");
        _assertReservesMatchBalances();
    }

    function test_removeLiquidity_revertsBelowMinimum() public {
        uint256 liquidity = _seed(SEED_WETH, SEED_USDC);
        vm.expectPartialRevert(IPool.PoolInsufficientAmount.selector);
        vm.prank(lp);
        pool.removeLiquidity(liquidity, type(uint256).max, 0, lp, block.timestamp);
    }

    function test_removeLiquidity_revertsZero() public {
        _seed(SEED_WETH, SEED_USDC);
        vm.expectRevert(IPool.PoolZeroAmount.selector);
        vm.prank(lp);
        pool.removeLiquidity(0, 0, 0, lp, block.timestamp);
    }

    function test_removeLiquidity_revertsPastDeadline() public {
        uint256 liquidity = _seed(SEED_WETH, SEED_USDC);
        vm.expectPartialRevert(IPool.PoolDeadlineExpired.selector);
        vm.prank(lp);
        pool.removeLiquidity(liquidity, 0, 0, lp, block.timestamp - 1);
    }

    function test_removeLiquidity_revertsWithoutLpTokens() public {
        _seed(SEED_WETH, SEED_USDC);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, trader, 0, 1e12));
        vm.prank(trader);
        pool.removeLiquidity(1e12, 0, 0, trader, block.timestamp);
    }

    function test_removeLiquidity_revertsDust() public {
        _seed(1 ether, 1e6);
        // One LP token is worth less than one unit of USDC here.
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolInsufficientLiquidityBurned.selector, 1));
        vm.prank(lp);
        pool.removeLiquidity(1, 0, 0, lp, block.timestamp);
    }

    // -------------------------------------------------------------------------------------------------------------
    // swapExactIn
    // -------------------------------------------------------------------------------------------------------------

    function test_swapExactIn_paysTheQuote() public {
        _seed(SEED_WETH, SEED_USDC);
        uint256 quote = pool.getAmountOut(address(weth), 1 ether);
        uint256 before = usdc.balanceOf(trader);
        vm.expectEmit(address(pool));
        emit IPool.Swapped(trader, trader, address(weth), 1 ether, quote);
        vm.prank(trader);
        uint256 out = pool.swapExactIn(address(weth), 1 ether, quote, trader, block.timestamp);
        assertEq(out, quote, "amountOut");
        assertEq(usdc.balanceOf(trader) - before, quote, "received");
        (uint256 wethReserve, uint256 usdcReserve) = _reserves();
        assertEq(wethReserve, SEED_WETH + 1 ether, "WETH reserve");
        assertEq(usdcReserve, SEED_USDC - quote, "USDC reserve");
        _assertReservesMatchBalances();
    }

    function test_swapExactIn_sendsToRecipient() public {
        _seed(SEED_WETH, SEED_USDC);
        address recipient = address(0x3333);
        vm.prank(trader);
        uint256 out = pool.swapExactIn(address(usdc), 3_000e6, 0, recipient, block.timestamp);
        assertEq(weth.balanceOf(recipient), out, "recipient paid");
        assertGt(out, 0.98 ether, "about one WETH");
    }

    function test_swapExactIn_revertsOnSlippage() public {
        _seed(SEED_WETH, SEED_USDC);
        uint256 quote = pool.getAmountOut(address(weth), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolInsufficientOutputAmount.selector, quote, quote + 1));
        vm.prank(trader);
        pool.swapExactIn(address(weth), 1 ether, quote + 1, trader, block.timestamp);
    }

    function test_swapExactIn_revertsPastDeadline() public {
        _seed(SEED_WETH, SEED_USDC);
        vm.warp(block.timestamp + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IPool.PoolDeadlineExpired.selector, block.timestamp - 1, block.timestamp)
        );
        vm.prank(trader);
        pool.swapExactIn(address(weth), 1 ether, 0, trader, block.timestamp - 1);
    }

    function test_swapExactIn_revertsUnknownToken() public {
        _seed(SEED_WETH, SEED_USDC);
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolUnknownToken.selector, address(pool)));
        vm.prank(trader);
        pool.swapExactIn(address(pool), 1 ether, 0, trader, block.timestamp);
    }

    function test_swapExactIn_revertsZeroAmount() public {
        _seed(SEED_WETH, SEED_USDC);
        vm.expectRevert(IPool.PoolZeroAmount.selector);
        vm.prank(trader);
        pool.swapExactIn(address(weth), 0, 0, trader, block.timestamp);
    }

    function test_swapExactIn_revertsInvalidRecipient() public {
        _seed(SEED_WETH, SEED_USDC);
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolInvalidRecipient.selector, address(usdc)));
        vm.prank(trader);
        pool.swapExactIn(address(weth), 1 ether, 0, address(usdc), block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolInvalidRecipient.selector, address(0)));
        vm.prank(trader);
        pool.swapExactIn(address(weth), 1 ether, 0, address(0), block.timestamp);
    }

    function test_swapExactIn_revertsOnEmptyPool() public {
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolInsufficientLiquidity.selector, 0, 0));
        vm.prank(trader);
        pool.swapExactIn(address(weth), 1 ether, 0, trader, block.timestamp);
    }

    function test_swapExactIn_revertsWhenOutputRoundsToZero() public {
        _seed(SEED_WETH, SEED_USDC);
        // 1 wei of WETH is worth far less than 1 unit (1e-6) of USDC.
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolInsufficientOutputAmount.selector, 0, 0));
        vm.prank(trader);
        pool.swapExactIn(address(weth), 1, 0, trader, block.timestamp);
    }

    function test_swapExactIn_blocksReentrancy() public {
        MockToken a = new MockToken("A");
        MockToken b = new MockToken("B");
        Pool p = new Pool(address(a), address(b));
        a.mint(address(this), 100e18);
        b.mint(address(this), 100e18);
        a.approve(address(p), type(uint256).max);
        b.approve(address(p), type(uint256).max);
        p.addLiquidity(10e18, 10e18, 0, 0, address(this), block.timestamp);
        // During the pull of the input, the token calls back into the pool.
        a.setCallback(
            address(p), abi.encodeCall(p.swapExactIn, (address(b), 1e18, 0, address(this), block.timestamp))
        );
        p.swapExactIn(address(a), 1e18, 0, address(this), block.timestamp);
        assertFalse(a.callbackSucceeded(), "re-entry refused");
        assertEq(
            a.callbackReturn(),
            abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector),
            "by the guard"
        );
    }

    function test_swapExactIn_pricesFeeOnTransferTokenOnWhatArrives() public {
        MockToken fee = new MockToken("FEE");
        MockToken plain = new MockToken("PLAIN");
        Pool p = new Pool(address(fee), address(plain));
        fee.mint(address(this), 1_000e18);
        plain.mint(address(this), 1_000e18);
        fee.approve(address(p), type(uint256).max);
        plain.approve(address(p), type(uint256).max);
        p.addLiquidity(100e18, 100e18, 0, 0, address(this), block.timestamp);
        fee.setFeeBps(100); // 1%

        uint256 quoteOnArrival = p.getAmountOut(address(fee), 9.9e18);
        uint256 out = p.swapExactIn(address(fee), 10e18, 0, address(this), block.timestamp);
        assertEq(out, quoteOnArrival, "priced on the 99% that arrived");
        (uint112 r0, uint112 r1,) = p.getReserves();
        (uint256 feeReserve, uint256 plainReserve) = p.token0() == address(fee) ? (r0, r1) : (r1, r0);
        assertEq(feeReserve, fee.balanceOf(address(p)), "fee-token reserve = balance");
        assertEq(plainReserve, plain.balanceOf(address(p)), "plain reserve = balance");
    }

    function test_donation_doesNotMovePrice() public {
        _seed(SEED_WETH, SEED_USDC);
        uint256 quote = pool.getAmountOut(address(weth), 1 ether);
        vm.prank(trader);
        usdc.transfer(address(pool), 50_000e6);
        assertEq(pool.getAmountOut(address(weth), 1 ether), quote, "same quote");
        (uint256 wethReserve, uint256 usdcReserve) = _reserves();
        assertEq(wethReserve, SEED_WETH, "WETH reserve");
        assertEq(usdcReserve, SEED_USDC, "USDC reserve ignores the gift");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Invariants (fuzz)
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Through any sequence of swaps, in either direction, of any size, on pools of any depth,
    /// reserve0 * reserve1 never decreases and the reserves always equal the pool's balances.
    /// hardhat-config: fuzz.runs = 256
    function testFuzz_swapExactIn_kNeverDecreases(
        uint256 seedWeth,
        uint256 seedUsdc,
        uint256[4] memory amounts,
        uint8 directions
    ) public {
        seedWeth = bound(seedWeth, 1e9, 1e30);
        seedUsdc = bound(seedUsdc, 1e9, 1e24);
        _fund(lp, seedWeth, seedUsdc);
        _seed(seedWeth, seedUsdc);

        for (uint256 i; i < amounts.length; ++i) {
            bool wethIn = (directions >> i) & 1 == 1;
            (uint256 wethReserve, uint256 usdcReserve) = _reserves();
            uint256 reserveIn = wethIn ? wethReserve : usdcReserve;
            uint256 amountIn = bound(amounts[i], 1, reserveIn * 4);
            address tokenIn = wethIn ? address(weth) : address(usdc);
            if (wethIn) _fund(trader, amountIn, 0);
            else _fund(trader, 0, amountIn);

            uint256 kBefore = wethReserve * usdcReserve;
            uint256 quote = pool.getAmountOut(tokenIn, amountIn);
            if (quote == 0) {
                vm.expectRevert(abi.encodeWithSelector(IPool.PoolInsufficientOutputAmount.selector, 0, 0));
                vm.prank(trader);
                pool.swapExactIn(tokenIn, amountIn, 0, trader, block.timestamp);
                continue;
            }
            vm.prank(trader);
            uint256 out = pool.swapExactIn(tokenIn, amountIn, quote, trader, block.timestamp);
            assertEq(out, quote, "pays the quote");

            (wethReserve, usdcReserve) = _reserves();
            assertGe(wethReserve * usdcReserve, kBefore, "k never decreases");
            assertGt(wethIn ? usdcReserve : wethReserve, 0, "the out side is never drained");
            _assertReservesMatchBalances();
        }
    }

    /// @notice Adding liquidity and removing it again never returns more than was deposited.
    /// hardhat-config: fuzz.runs = 128
    function testFuzz_addThenRemove_neverPaysMoreThanDeposited(uint256 wethAmount, uint256 usdcAmount) public {
        _seed(SEED_WETH, SEED_USDC);
        wethAmount = bound(wethAmount, 1e6, 500 ether);
        usdcAmount = bound(usdcAmount, 1e3, 5_000_000e6);
        (uint256 d0, uint256 d1) = _pair(wethAmount, usdcAmount);
        uint256 wethBefore = weth.balanceOf(trader);
        uint256 usdcBefore = usdc.balanceOf(trader);
        vm.startPrank(trader);
        try pool.addLiquidity(d0, d1, 0, 0, trader, block.timestamp) returns (uint256, uint256, uint256 liquidity) {
            try pool.removeLiquidity(liquidity, 0, 0, trader, block.timestamp) { }
            catch (bytes memory reason) {
                // Only a position too small to pay out both tokens may fail to come out.
                assertEq(bytes4(reason), IPool.PoolInsufficientLiquidityBurned.selector, "remove");
            }
        } catch (bytes memory reason) {
            assertEq(bytes4(reason), IPool.PoolInsufficientLiquidityMinted.selector, "add");
        }
        vm.stopPrank();
        assertLe(weth.balanceOf(trader), wethBefore, "no WETH profit");
        assertLe(usdc.balanceOf(trader), usdcBefore, "no USDC profit");
        _assertReservesMatchBalances();
    }
}
