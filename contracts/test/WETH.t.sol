// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { IWETH } from "../interfaces/IWETH.sol";
import { WETH } from "../defi/WETH.sol";
import { EtherRejecter, ReentrantWithdrawer } from "./utils/Mocks.sol";
import { Test } from "./utils/Test.sol";

contract WETHTest is Test {
    WETH internal weth;
    address internal alice = address(0xA11CE);

    function setUp() public {
        weth = new WETH();
        vm.deal(alice, 100 ether);
    }

    function test_metadata_matchesWeth9() public view {
        assertEq(weth.name(), "Wrapped Ether", "name");
        assertEq(weth.symbol(), "WETH", "symbol");
        assertEq(weth.decimals(), 18, "decimals");
    }

    function test_deposit_mintsAndEmits() public {
        vm.expectEmit(address(weth));
        emit IWETH.Deposit(alice, 2 ether);
        vm.prank(alice);
        weth.deposit{ value: 2 ether }();
        assertEq(weth.balanceOf(alice), 2 ether, "balance");
        assertEq(address(weth).balance, 2 ether, "backing");
    }

    function test_receive_wrapsPlainTransfers() public {
        vm.prank(alice);
        (bool ok,) = address(weth).call{ value: 1 ether }("");
        assertTrue(ok, "plain transfer");
        assertEq(weth.balanceOf(alice), 1 ether, "balance");
    }

    function test_fallback_unknownSelectorReverts() public {
        // WETH9 would accept this call (a `permit` WETH does not have) as a silent deposit.
        vm.prank(alice);
        (bool ok,) = address(weth).call{ value: 1 ether }(
            abi.encodeWithSignature(
                "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)",
                alice,
                address(this),
                1 ether,
                0,
                0,
                bytes32(0),
                bytes32(0)
            )
        );
        assertFalse(ok, "unknown selector must revert");
        assertEq(weth.balanceOf(alice), 0, "no deposit");
    }

    function test_withdraw_returnsEthAndEmits() public {
        vm.startPrank(alice);
        weth.deposit{ value: 3 ether }();
        vm.expectEmit(address(weth));
        emit IWETH.Withdrawal(alice, 1 ether);
        weth.withdraw(1 ether);
        vm.stopPrank();
        assertEq(weth.balanceOf(alice), 2 ether, "weth");
        assertEq(alice.balance, 98 ether, "eth");
        assertEq(address(weth).balance, 2 ether, "backing");
    }

    function test_withdraw_revertsAboveBalance() public {
        vm.startPrank(alice);
        weth.deposit{ value: 1 ether }();
        vm.expectRevert(abi.encodeWithSelector(IWETH.WETHInsufficientBalance.selector, alice, 1 ether, 2 ether));
        weth.withdraw(2 ether);
        vm.stopPrank();
    }

    function test_withdraw_revertsWhenReceiverRejectsEth() public {
        EtherRejecter rejecter = new EtherRejecter();
        rejecter.depositTo{ value: 1 ether }(weth);
        vm.expectRevert(abi.encodeWithSelector(IWETH.WETHETHTransferFailed.selector, address(rejecter), 1 ether));
        rejecter.withdrawFrom(weth, 1 ether);
        assertEq(weth.balanceOf(address(rejecter)), 1 ether, "balance kept");
    }

    function test_withdraw_reentrancyCannotDoubleSpend() public {
        ReentrantWithdrawer attacker = new ReentrantWithdrawer(weth);
        // Other users' ETH is in the contract, so a double withdrawal would have something to steal.
        vm.prank(alice);
        weth.deposit{ value: 10 ether }();
        // The re-entered withdraw finds the balance already burned, reverts, and takes the outer call with it.
        vm.expectRevert(abi.encodeWithSelector(IWETH.WETHETHTransferFailed.selector, address(attacker), 1 ether));
        attacker.depositAndWithdraw{ value: 1 ether }(1 ether);
        assertEq(address(weth).balance, 10 ether, "backing intact");
    }

    /// hardhat-config: fuzz.runs = 128
    function testFuzz_depositWithdraw_keepsFullBacking(uint256 depositAmount, uint256 withdrawAmount) public {
        depositAmount = bound(depositAmount, 0, 100 ether);
        withdrawAmount = bound(withdrawAmount, 0, depositAmount);
        vm.startPrank(alice);
        weth.deposit{ value: depositAmount }();
        weth.withdraw(withdrawAmount);
        vm.stopPrank();
        assertEq(weth.totalSupply(), address(weth).balance, "supply equals ETH held");
        assertEq(weth.balanceOf(alice), depositAmount - withdrawAmount, "weth");
        assertEq(alice.balance, 100 ether - depositAmount + withdrawAmount, "eth");
    }
}
