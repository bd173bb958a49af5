// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { Ownable } from "@openzeppelin/contracts/access/Ownable.sol";
import { ERC20Permit } from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

import { IUSDC } from "../interfaces/IUSDC.sol";
import { USDC } from "../payments/USDC.sol";
import { MockContractWallet } from "./utils/Mocks.sol";
import { Test } from "./utils/Test.sol";

contract USDCTest is Test {
    USDC internal usdc;

    address internal payer;
    uint256 internal payerKey;
    address internal payee = address(0xB0B);
    address internal relayer = address(0xBEEF);

    bytes32 internal constant TRANSFER_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    bytes32 internal constant RECEIVE_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    bytes32 internal constant CANCEL_TYPEHASH = keccak256("CancelAuthorization(address authorizer,bytes32 nonce)");
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    uint256 internal constant BALANCE = 1_000e6;

    struct Authorization {
        address from;
        address to;
        uint256 value;
        uint256 validAfter;
        uint256 validBefore;
        bytes32 nonce;
    }

    function setUp() public {
        usdc = new USDC(address(this));
        (payer, payerKey) = makeAccount("payer");
        usdc.mint(payer, BALANCE);
        vm.warp(1_700_000_000);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Helpers
    // -------------------------------------------------------------------------------------------------------------

    function _digest(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", usdc.DOMAIN_SEPARATOR(), structHash));
    }

    function _auth(uint256 value, bytes32 nonce) internal view returns (Authorization memory) {
        return Authorization(payer, payee, value, block.timestamp - 1, block.timestamp + 1 hours, nonce);
    }

    function _signAuth(uint256 key, bytes32 typehash, Authorization memory a)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        return vm.sign(
            key,
            _digest(keccak256(abi.encode(typehash, a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce)))
        );
    }

    function _transfer(Authorization memory a, uint8 v, bytes32 r, bytes32 s) internal {
        usdc.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
    }

    // -------------------------------------------------------------------------------------------------------------
    // ERC-20 and supply
    // -------------------------------------------------------------------------------------------------------------

    function test_metadata_matchesUsdc() public view {
        assertEq(usdc.name(), "USD Coin (Devnet)", "name");
        assertEq(usdc.symbol(), "USDC", "symbol");
        assertEq(usdc.decimals(), 6, "decimals");
        assertEq(usdc.TRANSFER_WITH_AUTHORIZATION_TYPEHASH(), TRANSFER_TYPEHASH, "transfer typehash");
        assertEq(usdc.RECEIVE_WITH_AUTHORIZATION_TYPEHASH(), RECEIVE_TYPEHASH, "receive typehash");
        assertEq(usdc.CANCEL_AUTHORIZATION_TYPEHASH(), CANCEL_TYPEHASH, "cancel typehash");
    }

    function test_mint_ownerMints() public {
        usdc.mint(payee, 5e6);
        assertEq(usdc.balanceOf(payee), 5e6, "balance");
        assertEq(usdc.totalSupply(), BALANCE + 5e6, "supply");
    }

    function test_mint_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, relayer));
        vm.prank(relayer);
        usdc.mint(relayer, 1e6);
    }

    function test_transferOwnership_takesTwoSteps() public {
        usdc.transferOwnership(relayer);
        assertEq(usdc.owner(), address(this), "still the owner until accepted");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, payee));
        vm.prank(payee);
        usdc.acceptOwnership();
        vm.prank(relayer);
        usdc.acceptOwnership();
        assertEq(usdc.owner(), relayer, "new owner");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        usdc.mint(payee, 1);
    }

    // -------------------------------------------------------------------------------------------------------------
    // ERC-2612 permit
    // -------------------------------------------------------------------------------------------------------------

    function _permitSig(uint256 key, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        return vm.sign(key, _digest(keccak256(abi.encode(PERMIT_TYPEHASH, payer, spender, value, nonce, deadline))));
    }

    function test_permit_setsAllowanceForTransferFrom() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(payerKey, relayer, 100e6, 0, deadline);
        usdc.permit(payer, relayer, 100e6, deadline, v, r, s);
        assertEq(usdc.allowance(payer, relayer), 100e6, "allowance");
        assertEq(usdc.nonces(payer), 1, "nonce");
        vm.prank(relayer);
        usdc.transferFrom(payer, payee, 60e6);
        assertEq(usdc.balanceOf(payee), 60e6, "moved");
        assertEq(usdc.allowance(payer, relayer), 40e6, "allowance spent");
    }

    function test_permit_cannotBeReplayed() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(payerKey, relayer, 100e6, 0, deadline);
        usdc.permit(payer, relayer, 100e6, deadline, v, r, s);
        vm.prank(relayer);
        usdc.transferFrom(payer, payee, 100e6);
        // Replaying the permit to restore the spent allowance fails: nonce 0 is used, so it recovers another signer.
        vm.expectPartialRevert(ERC20Permit.ERC2612InvalidSigner.selector);
        usdc.permit(payer, relayer, 100e6, deadline, v, r, s);
        assertEq(usdc.allowance(payer, relayer), 0, "allowance not restored");
    }

    function test_permit_revertsPastDeadline() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(payerKey, relayer, 100e6, 0, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        usdc.permit(payer, relayer, 100e6, deadline, v, r, s);
    }

    function test_permit_revertsWrongSigner() public {
        uint256 deadline = block.timestamp + 1 hours;
        (address other, uint256 otherKey) = makeAccount("other");
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(otherKey, relayer, 100e6, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, other, payer));
        usdc.permit(payer, relayer, 100e6, deadline, v, r, s);
    }

    // -------------------------------------------------------------------------------------------------------------
    // EIP-3009 transferWithAuthorization
    // -------------------------------------------------------------------------------------------------------------

    function test_transferWithAuthorization_movesFundsOnce() public {
        Authorization memory a = _auth(25e6, keccak256("nonce-1"));
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(payerKey, TRANSFER_TYPEHASH, a);
        vm.expectEmit(address(usdc));
        emit IUSDC.AuthorizationUsed(payer, a.nonce);
        vm.prank(relayer);
        _transfer(a, v, r, s);
        assertEq(usdc.balanceOf(payee), 25e6, "payee");
        assertEq(usdc.balanceOf(payer), BALANCE - 25e6, "payer");
        assertTrue(usdc.authorizationState(payer, a.nonce), "nonce used");

        vm.expectRevert(abi.encodeWithSelector(IUSDC.USDCAuthorizationUsedOrCanceled.selector, payer, a.nonce));
        vm.prank(relayer);
        _transfer(a, v, r, s);
    }

    /// hardhat-config: fuzz.runs = 64
    function testFuzz_transferWithAuthorization_cannotBeReplayed(uint256 value, bytes32 nonce, address submitter)
        public
    {
        value = bound(value, 0, BALANCE / 2);
        Authorization memory a = _auth(value, nonce);
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(payerKey, TRANSFER_TYPEHASH, a);
        vm.prank(submitter);
        _transfer(a, v, r, s);
        // Enough balance remains for a second transfer, so only the used nonce can stop it.
        vm.expectRevert(abi.encodeWithSelector(IUSDC.USDCAuthorizationUsedOrCanceled.selector, payer, nonce));
        vm.prank(submitter);
        _transfer(a, v, r, s);
        assertEq(usdc.balanceOf(payee), value, "paid once");
    }

    function test_transferWithAuthorization_acceptsPackedSignature() public {
        Authorization memory a = _auth(5e6, keccak256("packed"));
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(payerKey, TRANSFER_TYPEHASH, a);
        usdc.transferWithAuthorization(
            a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, abi.encodePacked(r, s, v)
        );
        assertEq(usdc.balanceOf(payee), 5e6, "payee");
    }

    function test_transferWithAuthorization_acceptsContractWalletSignature() public {
        (address signer, uint256 signerKey) = makeAccount("walletOwner");
        MockContractWallet wallet = new MockContractWallet(signer);
        usdc.mint(address(wallet), 10e6);
        Authorization memory a = Authorization(address(wallet), payee, 10e6, 0, block.timestamp + 60, bytes32("w"));
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(signerKey, TRANSFER_TYPEHASH, a);
        usdc.transferWithAuthorization(
            a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, abi.encodePacked(r, s, v)
        );
        assertEq(usdc.balanceOf(payee), 10e6, "payee");
    }

    function test_transferWithAuthorization_revertsBeforeValidAfter() public {
        Authorization memory a = _auth(1e6, bytes32("early"));
        a.validAfter = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(payerKey, TRANSFER_TYPEHASH, a);
        vm.expectRevert(
            abi.encodeWithSelector(IUSDC.USDCAuthorizationNotYetValid.selector, block.timestamp, block.timestamp)
        );
        _transfer(a, v, r, s);
    }

    function test_transferWithAuthorization_revertsAtValidBefore() public {
        Authorization memory a = _auth(1e6, bytes32("late"));
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(payerKey, TRANSFER_TYPEHASH, a);
        vm.warp(a.validBefore);
        vm.expectRevert(
            abi.encodeWithSelector(IUSDC.USDCAuthorizationExpired.selector, a.validBefore, a.validBefore)
        );
        _transfer(a, v, r, s);
    }

    function test_transferWithAuthorization_revertsWrongSigner() public {
        Authorization memory a = _auth(1e6, bytes32("wrong"));
        (, uint256 otherKey) = makeAccount("other");
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(otherKey, TRANSFER_TYPEHASH, a);
        vm.expectRevert(abi.encodeWithSelector(IUSDC.USDCInvalidSignature.selector, payer));
        _transfer(a, v, r, s);
    }

    function test_transferWithAuthorization_revertsAlteredValue() public {
        Authorization memory a = _auth(1e6, bytes32("altered"));
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(payerKey, TRANSFER_TYPEHASH, a);
        a.value = 900e6;
        vm.expectRevert(abi.encodeWithSelector(IUSDC.USDCInvalidSignature.selector, payer));
        _transfer(a, v, r, s);
    }

    function test_transferWithAuthorization_rejectsReceiveSignature() public {
        Authorization memory a = _auth(1e6, bytes32("kind"));
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(payerKey, RECEIVE_TYPEHASH, a);
        vm.expectRevert(abi.encodeWithSelector(IUSDC.USDCInvalidSignature.selector, payer));
        _transfer(a, v, r, s);
    }

    // -------------------------------------------------------------------------------------------------------------
    // EIP-3009 receiveWithAuthorization
    // -------------------------------------------------------------------------------------------------------------

    function test_receiveWithAuthorization_payeeReceivesOnce() public {
        Authorization memory a = _auth(7e6, bytes32("receive"));
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(payerKey, RECEIVE_TYPEHASH, a);
        vm.prank(payee);
        usdc.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        assertEq(usdc.balanceOf(payee), 7e6, "payee");

        vm.expectRevert(abi.encodeWithSelector(IUSDC.USDCAuthorizationUsedOrCanceled.selector, payer, a.nonce));
        vm.prank(payee);
        usdc.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
    }

    function test_receiveWithAuthorization_revertsForNonPayee() public {
        Authorization memory a = _auth(7e6, bytes32("front-run"));
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(payerKey, RECEIVE_TYPEHASH, a);
        vm.expectRevert(abi.encodeWithSelector(IUSDC.USDCCallerNotPayee.selector, relayer, payee));
        vm.prank(relayer);
        usdc.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
    }

    function test_receiveWithAuthorization_packedRevertsForNonPayee() public {
        Authorization memory a = _auth(7e6, bytes32("front-run-2"));
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(payerKey, RECEIVE_TYPEHASH, a);
        vm.expectRevert(abi.encodeWithSelector(IUSDC.USDCCallerNotPayee.selector, relayer, payee));
        vm.prank(relayer);
        usdc.receiveWithAuthorization(
            a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, abi.encodePacked(r, s, v)
        );
    }

    function test_receiveWithAuthorization_rejectsTransferSignature() public {
        Authorization memory a = _auth(7e6, bytes32("kind-2"));
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(payerKey, TRANSFER_TYPEHASH, a);
        vm.expectRevert(abi.encodeWithSelector(IUSDC.USDCInvalidSignature.selector, payer));
        vm.prank(payee);
        usdc.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
    }

    function test_receiveWithAuthorization_sharesNonceSpaceWithTransfer() public {
        Authorization memory a = _auth(1e6, bytes32("shared"));
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(payerKey, TRANSFER_TYPEHASH, a);
        _transfer(a, v, r, s);
        (v, r, s) = _signAuth(payerKey, RECEIVE_TYPEHASH, a);
        vm.expectPartialRevert(IUSDC.USDCAuthorizationUsedOrCanceled.selector);
        vm.prank(payee);
        usdc.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
    }

    // -------------------------------------------------------------------------------------------------------------
    // EIP-3009 cancelAuthorization
    // -------------------------------------------------------------------------------------------------------------

    function test_cancelAuthorization_blocksLaterUse() public {
        Authorization memory a = _auth(3e6, bytes32("cancel"));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(payerKey, _digest(keccak256(abi.encode(CANCEL_TYPEHASH, payer, a.nonce))));
        vm.expectEmit(address(usdc));
        emit IUSDC.AuthorizationCanceled(payer, a.nonce);
        vm.prank(relayer);
        usdc.cancelAuthorization(payer, a.nonce, v, r, s);
        assertTrue(usdc.authorizationState(payer, a.nonce), "canceled");

        (v, r, s) = _signAuth(payerKey, TRANSFER_TYPEHASH, a);
        vm.expectRevert(abi.encodeWithSelector(IUSDC.USDCAuthorizationUsedOrCanceled.selector, payer, a.nonce));
        _transfer(a, v, r, s);
        assertEq(usdc.balanceOf(payee), 0, "nothing moved");
    }

    function test_cancelAuthorization_cannotBeReplayed() public {
        bytes32 nonce = bytes32("cancel-twice");
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(payerKey, _digest(keccak256(abi.encode(CANCEL_TYPEHASH, payer, nonce))));
        usdc.cancelAuthorization(payer, nonce, abi.encodePacked(r, s, v));
        vm.expectRevert(abi.encodeWithSelector(IUSDC.USDCAuthorizationUsedOrCanceled.selector, payer, nonce));
        usdc.cancelAuthorization(payer, nonce, v, r, s);
    }

    function test_cancelAuthorization_revertsWrongSigner() public {
        bytes32 nonce = bytes32("grief");
        (, uint256 otherKey) = makeAccount("other");
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(otherKey, _digest(keccak256(abi.encode(CANCEL_TYPEHASH, payer, nonce))));
        vm.expectRevert(abi.encodeWithSelector(IUSDC.USDCInvalidSignature.selector, payer));
        usdc.cancelAuthorization(payer, nonce, v, r, s);
        assertFalse(usdc.authorizationState(payer, nonce), "still usable");
    }

    function test_cancelAuthorization_revertsAfterUse() public {
        Authorization memory a = _auth(1e6, bytes32("used"));
        (uint8 v, bytes32 r, bytes32 s) = _signAuth(payerKey, TRANSFER_TYPEHASH, a);
        _transfer(a, v, r, s);
        (v, r, s) = vm.sign(payerKey, _digest(keccak256(abi.encode(CANCEL_TYPEHASH, payer, a.nonce))));
        vm.expectPartialRevert(IUSDC.USDCAuthorizationUsedOrCanceled.selector);
        usdc.cancelAuthorization(payer, a.nonce, v, r, s);
    }
}
