// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { Account } from "@openzeppelin/contracts/account/Account.sol";
import { Execution } from "@openzeppelin/contracts/account/utils/draft-ERC7579Utils.sol";
import { IERC1271 } from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { ReentrancyGuardTransient } from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import { AgentAccount } from "../account/AgentAccount.sol";
import { Pool } from "../defi/Pool.sol";
import { AgentRegistry } from "../identity/AgentRegistry.sol";
import { WETH } from "../defi/WETH.sol";
import { IAgentAccount } from "../interfaces/IAgentAccount.sol";
import { USDC } from "../payments/USDC.sol";
import { MockToken } from "./utils/Mocks.sol";
import { Test } from "./utils/Test.sol";

/// @notice Stands in for the escrow: pulls what it is asked from the caller (approve first).
contract MockPuller {
    function pull(IERC20 token, uint256 amount) external {
        token.transferFrom(msg.sender, address(this), amount);
    }
}

/// @notice Stands in for the escrow's refund of an expired job: pays the caller back what it was owed.
contract MockRefunder {
    function refund(IERC20 token, uint256 amount) external {
        token.transfer(msg.sender, amount);
    }
}

contract AgentAccountTest is Test {
    bytes32 internal constant BATCH_MODE = bytes32(uint256(0x01) << 248);

    USDC internal usdc;
    WETH internal weth;
    Pool internal pool;
    MockPuller internal puller;
    AgentAccount internal account;

    address internal owner;
    uint256 internal ownerKey;
    address internal session;
    uint256 internal sessionKey;
    address internal alice = address(0xA11CE);
    address internal mallory = address(0xBAD);

    uint256 internal constant USDC_PER_CALL = 100e6;
    uint256 internal constant USDC_PER_DAY = 250e6;
    uint256 internal constant WETH_PER_CALL = 1 ether;
    uint256 internal constant WETH_PER_DAY = 2 ether;
    uint256 internal constant ETH_PER_CALL = 0.1 ether;
    uint256 internal constant ETH_PER_DAY = 0.15 ether;

    function setUp() public {
        vm.warp(1_700_000_000);
        usdc = new USDC(address(this));
        weth = new WETH();
        pool = new Pool(address(weth), address(usdc));
        puller = new MockPuller();

        // Seed the pool (3,000 USDC per WETH).
        vm.deal(address(this), 200 ether);
        weth.deposit{ value: 100 ether }();
        usdc.mint(address(this), 300_000e6);
        weth.approve(address(pool), type(uint256).max);
        usdc.approve(address(pool), type(uint256).max);
        (uint256 wethSeed, uint256 usdcSeed) = (100 ether, 300_000e6);
        (uint256 a0, uint256 a1) = pool.token0() == address(weth) ? (wethSeed, usdcSeed) : (usdcSeed, wethSeed);
        pool.addLiquidity(a0, a1, 0, 0, address(this), block.timestamp);

        (owner, ownerKey) = makeAccount("owner");
        (session, sessionKey) = makeAccount("session");
        // What an EIP-7702 delegation does, as the test runner sees it: the owner's address runs the account's code.
        AgentAccount implementation = new AgentAccount();
        vm.etch(owner, address(implementation).code);
        account = AgentAccount(payable(owner));

        usdc.mint(owner, 10_000e6);
        vm.deal(owner, 10 ether);
        vm.prank(owner);
        weth.deposit{ value: 5 ether }();
    }

    // -------------------------------------------------------------------------------------------------------------
    // Helpers
    // -------------------------------------------------------------------------------------------------------------

    function _policy() internal view returns (IAgentAccount.SessionPolicy memory policy) {
        policy.expiresAt = uint64(block.timestamp + 7 days);
        policy.limits = new IAgentAccount.TokenLimit[](3);
        policy.limits[0] = IAgentAccount.TokenLimit(address(usdc), USDC_PER_CALL, USDC_PER_DAY);
        policy.limits[1] = IAgentAccount.TokenLimit(address(weth), WETH_PER_CALL, WETH_PER_DAY);
        policy.limits[2] = IAgentAccount.TokenLimit(address(0), ETH_PER_CALL, ETH_PER_DAY);
        policy.recipients = new address[](1);
        policy.recipients[0] = alice;
        policy.calls = new IAgentAccount.CallPermission[](6);
        policy.calls[0] = IAgentAccount.CallPermission(address(usdc), IERC20.transfer.selector);
        policy.calls[1] = IAgentAccount.CallPermission(address(usdc), IERC20.approve.selector);
        policy.calls[2] = IAgentAccount.CallPermission(address(weth), IERC20.approve.selector);
        policy.calls[3] = IAgentAccount.CallPermission(address(weth), IERC20.transfer.selector);
        policy.calls[4] = IAgentAccount.CallPermission(address(pool), Pool.swapExactIn.selector);
        policy.calls[5] = IAgentAccount.CallPermission(address(puller), MockPuller.pull.selector);
    }

    function _grant(IAgentAccount.SessionPolicy memory policy) internal {
        vm.prank(owner);
        account.grantSession(session, policy);
    }

    function _grant() internal {
        _grant(_policy());
    }

    function _one(address target, uint256 value, bytes memory data) internal pure returns (Execution[] memory calls) {
        calls = new Execution[](1);
        calls[0] = Execution(target, value, data);
    }

    function _two(Execution memory a, Execution memory b) internal pure returns (Execution[] memory calls) {
        calls = new Execution[](2);
        calls[0] = a;
        calls[1] = b;
    }

    function _execAs(address caller, Execution[] memory calls) internal {
        vm.prank(caller);
        account.execute(BATCH_MODE, abi.encode(calls));
    }

    function _exec(Execution[] memory calls) internal {
        _execAs(session, calls);
    }

    function _usdcTransfer(address to, uint256 amount) internal view returns (Execution[] memory) {
        return _one(address(usdc), 0, abi.encodeCall(IERC20.transfer, (to, amount)));
    }

    // -------------------------------------------------------------------------------------------------------------
    // grantSession / revokeSession
    // -------------------------------------------------------------------------------------------------------------

    function test_grantSession_byOwner_storesThePolicy() public {
        _grant();
        IAgentAccount.SessionView memory view_ = account.getSession(session);
        assertEq(uint256(view_.id), 1, "grant id");
        assertTrue(view_.active, "active");
        assertEq(view_.policy.limits.length, 3, "limits");
        assertEq(view_.policy.limits[0].perDay, USDC_PER_DAY, "daily cap");
        assertEq(view_.policy.recipients[0], alice, "recipient");
        assertEq(view_.policy.calls.length, 6, "calls");
    }

    function test_grantSession_notOwner_reverts() public {
        IAgentAccount.SessionPolicy memory policy = _policy();
        vm.prank(session);
        vm.expectRevert(abi.encodeWithSelector(Account.AccountUnauthorized.selector, session));
        account.grantSession(session, policy);
    }

    function test_grantSession_throughASessionBatch_reverts() public {
        _grant();
        IAgentAccount.SessionPolicy memory wider = _policy();
        wider.limits[0].perCall = type(uint192).max;
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountTargetNotAllowed.selector, owner));
        _exec(_one(owner, 0, abi.encodeCall(IAgentAccount.grantSession, (session, wider))));
    }

    function test_grantSession_accountAsTarget_reverts() public {
        IAgentAccount.SessionPolicy memory policy = _policy();
        policy.calls[0].target = owner;
        vm.prank(owner);
        vm.expectPartialRevert(IAgentAccount.AgentAccountInvalidPolicy.selector);
        account.grantSession(session, policy);
    }

    function test_grantSession_expiryInThePast_reverts() public {
        IAgentAccount.SessionPolicy memory policy = _policy();
        policy.expiresAt = uint64(block.timestamp);
        vm.prank(owner);
        vm.expectPartialRevert(IAgentAccount.AgentAccountInvalidPolicy.selector);
        account.grantSession(session, policy);
    }

    function test_grantSession_duplicateToken_reverts() public {
        IAgentAccount.SessionPolicy memory policy = _policy();
        policy.limits[1].token = address(usdc);
        vm.prank(owner);
        vm.expectPartialRevert(IAgentAccount.AgentAccountInvalidPolicy.selector);
        account.grantSession(session, policy);
    }

    function test_grantSession_ownerAsSession_reverts() public {
        IAgentAccount.SessionPolicy memory policy = _policy();
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountInvalidSession.selector, owner));
        account.grantSession(owner, policy);
    }

    function test_grantSession_again_startsAFreshPolicy() public {
        _grant();
        _exec(_usdcTransfer(alice, USDC_PER_CALL));
        IAgentAccount.SessionPolicy memory narrower = _policy();
        narrower.recipients = new address[](0);
        _grant(narrower);
        assertEq(uint256(account.getSession(session).id), 2, "new grant id");
        assertEq(account.spentToday(session, address(usdc)), 0, "spending history reset");
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountUnknownRecipient.selector, alice));
        _exec(_usdcTransfer(alice, 1));
    }

    function test_revokeSession_unknown_reverts() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountUnknownSession.selector, session));
        account.revokeSession(session);
    }

    function test_revokeSession_notOwner_reverts() public {
        _grant();
        vm.prank(session);
        vm.expectRevert(abi.encodeWithSelector(Account.AccountUnauthorized.selector, session));
        account.revokeSession(session);
    }

    // -------------------------------------------------------------------------------------------------------------
    // execute: who may
    // -------------------------------------------------------------------------------------------------------------

    function test_execute_owner_isUnrestricted() public {
        _execAs(owner, _usdcTransfer(mallory, 5_000e6));
        assertEq(usdc.balanceOf(mallory), 5_000e6, "owner paid anyone any amount");
    }

    function test_execute_unknownSession_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountUnknownSession.selector, session));
        _exec(_usdcTransfer(alice, 1));
    }

    function test_execute_revokedSession_reverts() public {
        _grant();
        vm.prank(owner);
        account.revokeSession(session);
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountSessionRevoked.selector, session));
        _exec(_usdcTransfer(alice, 1));
        assertFalse(account.getSession(session).active, "inactive");
    }

    function test_execute_expiredSession_reverts(uint256 late) public {
        _grant();
        uint64 expiresAt = account.getSession(session).policy.expiresAt;
        late = bound(late, 1, 365 days);
        vm.warp(expiresAt + late);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentAccount.AgentAccountSessionExpired.selector, session, expiresAt, uint256(expiresAt) + late
            )
        );
        _exec(_usdcTransfer(alice, 1));
    }

    function test_execute_unsupportedMode_reverts() public {
        _grant();
        // Single call type (0x00), delegatecall (0xff), try exec type (0x01), an op-data mode selector.
        bytes32[4] memory modes = [
            bytes32(0),
            bytes32(uint256(0xff) << 248),
            BATCH_MODE | bytes32(uint256(0x01) << 240),
            BATCH_MODE | bytes32(uint256(0x78210001) << 176)
        ];
        for (uint256 i = 0; i < modes.length; ++i) {
            vm.prank(session);
            vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountUnsupportedMode.selector, modes[i]));
            account.execute(modes[i], abi.encode(_usdcTransfer(alice, 1)));
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // execute: what a session may do
    // -------------------------------------------------------------------------------------------------------------

    function test_execute_transferWithinCaps_succeeds(uint256 amount) public {
        _grant();
        amount = bound(amount, 1, USDC_PER_CALL);
        _exec(_usdcTransfer(alice, amount));
        assertEq(usdc.balanceOf(alice), amount, "alice paid");
        assertEq(account.spentToday(session, address(usdc)), amount, "spent today");
    }

    function test_execute_overCallCap_reverts(uint256 amount) public {
        _grant();
        amount = bound(amount, USDC_PER_CALL + 1, 10_000e6);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentAccount.AgentAccountOverCallCap.selector, address(usdc), amount, USDC_PER_CALL)
        );
        _exec(_usdcTransfer(alice, amount));
    }

    function test_execute_overDailyCap_reverts() public {
        _grant();
        _exec(_usdcTransfer(alice, 100e6));
        vm.warp(block.timestamp + 2 hours);
        _exec(_usdcTransfer(alice, 100e6));
        vm.warp(block.timestamp + 2 hours);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentAccount.AgentAccountOverDailyCap.selector, address(usdc), 300e6, USDC_PER_DAY)
        );
        _exec(_usdcTransfer(alice, 100e6));
        assertEq(usdc.balanceOf(alice), 200e6, "only the first two moved");
    }

    function test_execute_dailyCap_rollsOver24Hours() public {
        _grant();
        _exec(_usdcTransfer(alice, 100e6));
        vm.warp(block.timestamp + 12 hours);
        _exec(_usdcTransfer(alice, 100e6));
        vm.warp(block.timestamp + 12 hours);
        // The first spend is 24 hours old now: 100 (12 h ago) + 100 fits the 250 cap.
        _exec(_usdcTransfer(alice, 100e6));
        assertEq(account.spentToday(session, address(usdc)), 200e6, "rolling window");
        vm.warp(block.timestamp + 1 hours);
        vm.expectPartialRevert(IAgentAccount.AgentAccountOverDailyCap.selector);
        _exec(_usdcTransfer(alice, 51e6));
    }

    function test_execute_splitAcrossCalls_hitsTheDailyCap(uint256 parts) public {
        _grant();
        parts = bound(parts, 3, 20);
        uint256 each = USDC_PER_DAY / (parts - 1);
        if (each > USDC_PER_CALL) each = USDC_PER_CALL;
        uint256 spent = 0;
        for (uint256 i = 0; i < parts; ++i) {
            vm.warp(block.timestamp + 5 minutes);
            if (spent + each > USDC_PER_DAY) {
                vm.expectPartialRevert(IAgentAccount.AgentAccountOverDailyCap.selector);
                _exec(_usdcTransfer(alice, each));
                break;
            }
            _exec(_usdcTransfer(alice, each));
            spent += each;
        }
        assertLe(usdc.balanceOf(alice), USDC_PER_DAY, "never past the daily cap");
    }

    function test_execute_unknownRecipient_reverts() public {
        _grant();
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountUnknownRecipient.selector, mallory));
        _exec(_usdcTransfer(mallory, 1e6));
        assertEq(usdc.balanceOf(mallory), 0, "nothing moved");
    }

    function test_execute_targetNotAllowed_reverts() public {
        _grant();
        MockToken other = new MockToken("OTHER");
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountTargetNotAllowed.selector, address(other)));
        _exec(_one(address(other), 0, abi.encodeCall(IERC20.transfer, (alice, 1))));
    }

    function test_execute_functionNotAllowed_reverts() public {
        _grant();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentAccount.AgentAccountFunctionNotAllowed.selector, address(usdc), IERC20.transferFrom.selector
            )
        );
        _exec(_one(address(usdc), 0, abi.encodeCall(IERC20.transferFrom, (owner, alice, 1))));
    }

    function test_execute_uncappedToken_reverts() public {
        IAgentAccount.SessionPolicy memory policy = _policy();
        MockToken other = new MockToken("OTHER");
        policy.calls[5] = IAgentAccount.CallPermission(address(other), IERC20.transfer.selector);
        _grant(policy);
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountTokenNotCapped.selector, address(other)));
        _exec(_one(address(other), 0, abi.encodeCall(IERC20.transfer, (alice, 1))));
    }

    function test_execute_approveAndPull_succeeds(uint256 amount) public {
        _grant();
        amount = bound(amount, 1, USDC_PER_CALL);
        _exec(
            _two(
                Execution(address(usdc), 0, abi.encodeCall(IERC20.approve, (address(puller), amount))),
                Execution(address(puller), 0, abi.encodeCall(MockPuller.pull, (IERC20(address(usdc)), amount)))
            )
        );
        assertEq(usdc.balanceOf(address(puller)), amount, "pulled");
        assertEq(usdc.allowance(owner, address(puller)), 0, "allowance consumed");
    }

    function test_execute_oversizedApproval_reverts(uint256 extra) public {
        _grant();
        extra = bound(extra, 1, 1_000_000e6);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentAccount.AgentAccountApprovalNotConsumed.selector, address(usdc), address(puller), extra
            )
        );
        _exec(
            _two(
                Execution(address(usdc), 0, abi.encodeCall(IERC20.approve, (address(puller), 50e6 + extra))),
                Execution(address(puller), 0, abi.encodeCall(MockPuller.pull, (IERC20(address(usdc)), 50e6)))
            )
        );
    }

    function test_execute_approveUnknownSpender_reverts() public {
        _grant();
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountUnknownRecipient.selector, mallory));
        _exec(_one(address(usdc), 0, abi.encodeCall(IERC20.approve, (mallory, 1))));
    }

    function test_execute_indirectSpend_isCapped() public {
        // An allowance the owner left behind cannot be drained through an allowed target: the balance fall counts.
        vm.prank(owner);
        usdc.approve(address(puller), type(uint256).max);
        _grant();
        vm.expectRevert(
            abi.encodeWithSelector(IAgentAccount.AgentAccountOverCallCap.selector, address(usdc), 500e6, USDC_PER_CALL)
        );
        _exec(_one(address(puller), 0, abi.encodeCall(MockPuller.pull, (IERC20(address(usdc)), 500e6))));
    }

    function test_execute_swapToTheAccount_succeeds() public {
        _grant();
        uint256 wethBefore = weth.balanceOf(owner);
        _exec(
            _two(
                Execution(address(usdc), 0, abi.encodeCall(IERC20.approve, (address(pool), 90e6))),
                Execution(
                    address(pool),
                    0,
                    abi.encodeCall(Pool.swapExactIn, (address(usdc), 90e6, 1, owner, block.timestamp + 60))
                )
            )
        );
        assertGt(weth.balanceOf(owner), wethBefore, "the account got WETH");
        assertEq(account.spentToday(session, address(usdc)), 90e6, "USDC spent");
        assertEq(account.spentToday(session, address(weth)), 0, "WETH received, not spent");
    }

    function test_execute_swapToAnotherRecipient_reverts() public {
        _grant();
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountUnknownRecipient.selector, alice));
        _exec(
            _two(
                Execution(address(usdc), 0, abi.encodeCall(IERC20.approve, (address(pool), 90e6))),
                Execution(
                    address(pool),
                    0,
                    abi.encodeCall(Pool.swapExactIn, (address(usdc), 90e6, 1, alice, block.timestamp + 60))
                )
            )
        );
    }

    function test_execute_ethToARecipient_withinCap(uint256 amount) public {
        _grant();
        amount = bound(amount, 1, ETH_PER_CALL);
        _exec(_one(alice, amount, ""));
        assertEq(alice.balance, amount, "alice got ETH");
    }

    function test_execute_ethOverCap_reverts() public {
        _grant();
        vm.expectRevert(
            abi.encodeWithSelector(IAgentAccount.AgentAccountOverCallCap.selector, address(0), 1 ether, ETH_PER_CALL)
        );
        _exec(_one(alice, 1 ether, ""));
    }

    function test_execute_ethToUnknownRecipient_reverts() public {
        _grant();
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountUnknownRecipient.selector, mallory));
        _exec(_one(mallory, 0.01 ether, ""));
    }

    function test_execute_ethWithoutALimit_reverts() public {
        IAgentAccount.SessionPolicy memory policy = _policy();
        IAgentAccount.TokenLimit[] memory limits = new IAgentAccount.TokenLimit[](2);
        limits[0] = policy.limits[0];
        limits[1] = policy.limits[1];
        policy.limits = limits;
        _grant(policy);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentAccount.AgentAccountOverCallCap.selector, address(0), 0.01 ether, 0)
        );
        _exec(_one(alice, 0.01 ether, ""));
    }

    function test_execute_reentrantCallback_isBlocked() public {
        // A capped token whose transfer calls back into execute, as a session key (the worst case): the nested batch
        // reverts on the guard, so it cannot run outside the outer batch's measurement.
        MockToken token = new MockToken("HOOK");
        token.mint(owner, 1_000e6);
        IAgentAccount.SessionPolicy memory policy = _policy();
        policy.limits[2] = IAgentAccount.TokenLimit(address(token), 100e6, 100e6);
        policy.calls[5] = IAgentAccount.CallPermission(address(token), IERC20.transfer.selector);
        _grant(policy);
        vm.prank(owner);
        account.grantSession(address(token), policy);
        token.setCallback(
            owner, abi.encodeCall(AgentAccount.execute, (BATCH_MODE, abi.encode(_usdcTransfer(alice, 100e6))))
        );
        _exec(_one(address(token), 0, abi.encodeCall(IERC20.transfer, (alice, 10e6))));
        assertFalse(token.callbackSucceeded(), "nested execute refused");
        assertEq(
            token.callbackReturn(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "by the guard"
        );
        assertEq(usdc.balanceOf(alice), 0, "no USDC moved");
    }

    function test_execute_rollingWindow_neverPassesTheDailyCap(uint256 seed) public {
        _grant();
        uint256[] memory times = new uint256[](16);
        uint256[] memory amounts = new uint256[](16);
        uint256 done = 0;
        for (uint256 i = 0; i < 16; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            vm.warp(block.timestamp + bound(r >> 128, 0, 10 hours));
            uint256 amount = bound(r & type(uint128).max, 1, USDC_PER_CALL);
            uint256 inWindow = amount;
            for (uint256 j = 0; j < done; ++j) {
                if (times[j] + 1 days > block.timestamp) inWindow += amounts[j];
            }
            vm.prank(session);
            try account.execute(BATCH_MODE, abi.encode(_usdcTransfer(alice, amount))) {
                assertLe(inWindow, USDC_PER_DAY, "a spend passed the rolling cap");
                times[done] = block.timestamp;
                amounts[done] = amount;
                ++done;
            } catch (bytes memory reason) {
                assertEq(bytes4(reason), IAgentAccount.AgentAccountOverDailyCap.selector, "refused by the daily cap");
            }
        }
        assertGt(done, 0, "some spends went through");
    }

    function test_execute_transferFromToAnUnknownRecipient_reverts() public {
        IAgentAccount.SessionPolicy memory policy = _policy();
        policy.calls[5] = IAgentAccount.CallPermission(address(usdc), IERC20.transferFrom.selector);
        _grant(policy);
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountUnknownRecipient.selector, mallory));
        _exec(_one(address(usdc), 0, abi.encodeCall(IERC20.transferFrom, (owner, mallory, 1))));
    }

    function test_receive_agentNft_bySafeTransfer() public {
        // The owner's EOA holds its ERC-8004 agent: a safe transfer to the delegated address must still land.
        AgentRegistry registry = new AgentRegistry();
        vm.prank(alice);
        uint256 agentId = registry.register();
        vm.prank(alice);
        registry.safeTransferFrom(alice, owner, agentId);
        assertEq(registry.ownerOf(agentId), owner, "the account holds the agent");
    }

    // -------------------------------------------------------------------------------------------------------------
    // ERC-1271
    // -------------------------------------------------------------------------------------------------------------

    function test_isValidSignature_ownerKey_isValid() public view {
        bytes32 digest = keccak256("a permit");
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKey, digest);
        assertEq(
            bytes32(account.isValidSignature(digest, abi.encodePacked(r, s, v))),
            bytes32(IERC1271.isValidSignature.selector),
            "owner"
        );
    }

    function test_isValidSignature_sessionKey_isInvalid() public {
        _grant();
        bytes32 digest = keccak256("a permit");
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(sessionKey, digest);
        assertEq(
            bytes32(account.isValidSignature(digest, abi.encodePacked(r, s, v))), bytes32(bytes4(0xffffffff)), "session"
        );
    }

    // -------------------------------------------------------------------------------------------------------------
    // The compromised session key's attempts (review of #18)
    // -------------------------------------------------------------------------------------------------------------

    function test_attack_refundThenTransfer_cannotHideTheSpend() public {
        // Money coming back in the same batch (an expired job's refund) must not cancel what leaves: 500 USDC out
        // is over the 100 USDC per-call cap even if 500 came in first.
        MockRefunder refunder = new MockRefunder();
        usdc.mint(address(refunder), 500e6);
        IAgentAccount.SessionPolicy memory policy = _policy();
        policy.calls[5] = IAgentAccount.CallPermission(address(refunder), MockRefunder.refund.selector);
        _grant(policy);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentAccount.AgentAccountOverCallCap.selector, address(usdc), 500e6, USDC_PER_CALL)
        );
        _exec(
            _two(
                Execution(address(refunder), 0, abi.encodeCall(MockRefunder.refund, (IERC20(address(usdc)), 500e6))),
                _usdcTransfer(alice, 500e6)[0]
            )
        );
        assertEq(usdc.balanceOf(alice), 0, "nothing moved");
    }

    function test_attack_uncappedTokenSwappedIn_cannotFundACappedSpend() public {
        // WETH is not capped here, and the owner left the pool a WETH allowance: selling it into USDC inside the
        // batch must not pay for a USDC transfer over the cap.
        IAgentAccount.SessionPolicy memory policy = _policy();
        IAgentAccount.TokenLimit[] memory limits = new IAgentAccount.TokenLimit[](2);
        limits[0] = policy.limits[0];
        limits[1] = policy.limits[2];
        policy.limits = limits;
        _grant(policy);
        vm.prank(owner);
        weth.approve(address(pool), type(uint256).max);
        uint256 out = pool.getAmountOut(address(weth), 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentAccount.AgentAccountOverCallCap.selector, address(usdc), out, USDC_PER_CALL)
        );
        _exec(
            _two(
                Execution(
                    address(pool),
                    0,
                    abi.encodeCall(Pool.swapExactIn, (address(weth), 1 ether, 0, owner, block.timestamp + 60))
                ),
                _usdcTransfer(alice, out)[0]
            )
        );
    }

    function test_attack_targetZero_isTheAccountItself_refused() public {
        // ERC-7579 execution reads target address(0) as the account: a policy naming it would let the session call
        // grantSession on itself, so grantSession refuses it, and execute refuses it whatever the policy says.
        IAgentAccount.SessionPolicy memory policy = _policy();
        policy.calls[5] = IAgentAccount.CallPermission(address(0), AgentAccount.grantSession.selector);
        vm.prank(owner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentAccount.AgentAccountInvalidPolicy.selector, "the account itself cannot be a target"
            )
        );
        account.grantSession(session, policy);

        policy = _policy();
        policy.recipients[0] = address(0);
        _grant(policy);
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountTargetNotAllowed.selector, address(0)));
        _exec(_one(address(0), 0, ""));
    }

    function test_attack_identityNft_throughTheErc20Selector_refused() public {
        // ERC-721 transferFrom shares ERC-20's selector: allowing it on the registry must not move the identity.
        AgentRegistry registry = new AgentRegistry();
        vm.prank(owner);
        uint256 agentId = registry.register();
        IAgentAccount.SessionPolicy memory policy = _policy();
        policy.calls[5] = IAgentAccount.CallPermission(address(registry), IERC20.transferFrom.selector);
        _grant(policy);
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountTokenNotCapped.selector, address(registry)));
        _exec(_one(address(registry), 0, abi.encodeCall(IERC20.transferFrom, (owner, alice, agentId))));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentAccount.AgentAccountFunctionNotAllowed.selector,
                address(registry),
                bytes4(keccak256("setApprovalForAll(address,bool)"))
            )
        );
        _exec(_one(address(registry), 0, abi.encodeWithSignature("setApprovalForAll(address,bool)", mallory, true)));
        assertEq(registry.ownerOf(agentId), owner, "the identity stays");
    }

    function test_attack_batchWithOneForbiddenCall_movesNothing() public {
        _grant();
        vm.expectRevert(abi.encodeWithSelector(IAgentAccount.AgentAccountUnknownRecipient.selector, mallory));
        _exec(_two(_usdcTransfer(alice, 10e6)[0], _usdcTransfer(mallory, 10e6)[0]));
        assertEq(usdc.balanceOf(alice), 0, "the allowed half did not run either");
    }

    function test_attack_unwrapThenSendEth_countsTheWethAndTheEth() public {
        // Unwrapping counts against WETH; the ETH sent on counts against ETH's own cap, not netted by the unwrap.
        IAgentAccount.SessionPolicy memory policy = _policy();
        policy.calls[5] = IAgentAccount.CallPermission(address(weth), WETH.withdraw.selector);
        _grant(policy);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentAccount.AgentAccountOverCallCap.selector, address(0), 1 ether, ETH_PER_CALL)
        );
        _exec(
            _two(Execution(address(weth), 0, abi.encodeCall(WETH.withdraw, (1 ether))), Execution(alice, 1 ether, ""))
        );
    }
}
