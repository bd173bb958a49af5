// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { DIDRegistry } from "../identity/DIDRegistry.sol";
import { IDIDRegistry } from "../interfaces/IDIDRegistry.sol";
import { Test } from "./utils/Test.sol";

contract DIDRegistryTest is Test {
    DIDRegistry internal registry;

    address internal identity;
    uint256 internal identityKey;
    address internal newOwner;
    uint256 internal newOwnerKey;
    address internal relayer = address(0xBEEF);
    address internal delegate = address(0xDE1E);

    bytes32 internal constant VERI_KEY = "veriKey";
    bytes32 internal constant SVC = "did/svc/AgentService";
    bytes internal constant SVC_VALUE = "https://agent.example.com/a2a";
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function setUp() public {
        registry = new DIDRegistry();
        (identity, identityKey) = makeAccount("identity");
        (newOwner, newOwnerKey) = makeAccount("newOwner");
        vm.warp(1_700_000_000);
        vm.roll(100);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Helpers
    // -------------------------------------------------------------------------------------------------------------

    /// @dev The ERC-1056 message layout, written out independently of the contract.
    function _hash(address id, bytes memory call) internal view returns (bytes32) {
        return keccak256(
            abi.encodePacked(
                bytes1(0x19), bytes1(0), address(registry), registry.nonce(registry.identityOwner(id)), id, call
            )
        );
    }

    function _sign(uint256 key, bytes32 hash) internal pure returns (uint8 v, bytes32 r, bytes32 s) {
        return vm.sign(key, hash);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Owner
    // -------------------------------------------------------------------------------------------------------------

    function test_identityOwner_defaultsToIdentity() public view {
        assertEq(registry.identityOwner(identity), identity, "owner");
        assertEq(registry.owners(identity), address(0), "owners mapping");
        assertEq(registry.changed(identity), 0, "changed");
    }

    function test_changeOwner_setsOwnerAndLinksHistory() public {
        vm.expectEmit(address(registry));
        emit IDIDRegistry.DIDOwnerChanged(identity, newOwner, 0);
        vm.prank(identity);
        registry.changeOwner(identity, newOwner);
        assertEq(registry.identityOwner(identity), newOwner, "owner");
        assertEq(registry.owners(identity), newOwner, "owners mapping");
        assertEq(registry.changed(identity), 100, "changed");

        vm.roll(105);
        vm.expectEmit(address(registry));
        emit IDIDRegistry.DIDOwnerChanged(identity, relayer, 100);
        vm.prank(newOwner);
        registry.changeOwner(identity, relayer);
        assertEq(registry.changed(identity), 105, "changed moves to the latest block");
    }

    function test_changeOwner_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DIDRegistryNotOwner.selector, identity, relayer, identity));
        vm.prank(relayer);
        registry.changeOwner(identity, relayer);
    }

    function test_changeOwner_previousOwnerLosesControl() public {
        vm.prank(identity);
        registry.changeOwner(identity, newOwner);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DIDRegistryNotOwner.selector, identity, identity, newOwner));
        vm.prank(identity);
        registry.setAttribute(identity, SVC, SVC_VALUE, 1 days);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Delegates
    // -------------------------------------------------------------------------------------------------------------

    function test_addDelegate_validUntilExpiry() public {
        vm.expectEmit(address(registry));
        emit IDIDRegistry.DIDDelegateChanged(identity, VERI_KEY, delegate, block.timestamp + 1 days, 0);
        vm.prank(identity);
        registry.addDelegate(identity, VERI_KEY, delegate, 1 days);
        assertTrue(registry.validDelegate(identity, VERI_KEY, delegate), "valid");
        assertEq(
            registry.delegates(identity, keccak256(abi.encodePacked(VERI_KEY)), delegate),
            block.timestamp + 1 days,
            "delegates mapping is keyed by the type's hash"
        );
        assertFalse(registry.validDelegate(identity, "sigAuth", delegate), "other type");
        vm.warp(block.timestamp + 1 days);
        assertFalse(registry.validDelegate(identity, VERI_KEY, delegate), "expired");
    }

    function test_revokeDelegate_invalidatesDelegate() public {
        vm.startPrank(identity);
        registry.addDelegate(identity, VERI_KEY, delegate, 1 days);
        vm.roll(101);
        vm.expectEmit(address(registry));
        emit IDIDRegistry.DIDDelegateChanged(identity, VERI_KEY, delegate, block.timestamp, 100);
        registry.revokeDelegate(identity, VERI_KEY, delegate);
        vm.stopPrank();
        assertFalse(registry.validDelegate(identity, VERI_KEY, delegate), "revoked");
    }

    function test_addDelegate_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DIDRegistryNotOwner.selector, identity, delegate, identity));
        vm.prank(delegate);
        registry.addDelegate(identity, VERI_KEY, delegate, 1 days);
    }

    function test_revokeDelegate_revertsForNonOwner() public {
        vm.prank(identity);
        registry.addDelegate(identity, VERI_KEY, delegate, 1 days);
        vm.expectPartialRevert(IDIDRegistry.DIDRegistryNotOwner.selector);
        vm.prank(delegate);
        registry.revokeDelegate(identity, VERI_KEY, delegate);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Attributes
    // -------------------------------------------------------------------------------------------------------------

    function test_setAttribute_emitsValidTo() public {
        vm.expectEmit(address(registry));
        emit IDIDRegistry.DIDAttributeChanged(identity, SVC, SVC_VALUE, block.timestamp + 1 days, 0);
        vm.prank(identity);
        registry.setAttribute(identity, SVC, SVC_VALUE, 1 days);
        assertEq(registry.changed(identity), 100, "changed");
    }

    function test_revokeAttribute_emitsZeroValidTo() public {
        vm.startPrank(identity);
        registry.setAttribute(identity, SVC, SVC_VALUE, 1 days);
        vm.roll(110);
        vm.expectEmit(address(registry));
        emit IDIDRegistry.DIDAttributeChanged(identity, SVC, SVC_VALUE, 0, 100);
        registry.revokeAttribute(identity, SVC, SVC_VALUE);
        vm.stopPrank();
        assertEq(registry.changed(identity), 110, "changed");
    }

    function test_setAttribute_revertsForNonOwner() public {
        vm.expectPartialRevert(IDIDRegistry.DIDRegistryNotOwner.selector);
        vm.prank(relayer);
        registry.setAttribute(identity, SVC, SVC_VALUE, 1 days);
    }

    function test_revokeAttribute_revertsForNonOwner() public {
        vm.expectPartialRevert(IDIDRegistry.DIDRegistryNotOwner.selector);
        vm.prank(relayer);
        registry.revokeAttribute(identity, SVC, SVC_VALUE);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Signed calls
    // -------------------------------------------------------------------------------------------------------------

    function test_changeOwnerSigned_acceptsOwnerSignature() public {
        (uint8 v, bytes32 r, bytes32 s) = _sign(identityKey, _hash(identity, abi.encodePacked("changeOwner", newOwner)));
        vm.expectEmit(address(registry));
        emit IDIDRegistry.DIDOwnerChanged(identity, newOwner, 0);
        vm.prank(relayer);
        registry.changeOwnerSigned(identity, v, r, s, newOwner);
        assertEq(registry.identityOwner(identity), newOwner, "owner");
        assertEq(registry.nonce(identity), 1, "nonce consumed");
    }

    function test_changeOwnerSigned_rejectsReplay() public {
        (uint8 v, bytes32 r, bytes32 s) = _sign(identityKey, _hash(identity, abi.encodePacked("changeOwner", identity)));
        vm.prank(relayer);
        registry.changeOwnerSigned(identity, v, r, s, identity);
        // Same signature again: the nonce it signed is used, so it now recovers to some other address.
        vm.expectPartialRevert(IDIDRegistry.DIDRegistryInvalidSignature.selector);
        vm.prank(relayer);
        registry.changeOwnerSigned(identity, v, r, s, identity);
    }

    function test_changeOwnerSigned_rejectsWrongSigner() public {
        (uint8 v, bytes32 r, bytes32 s) = _sign(newOwnerKey, _hash(identity, abi.encodePacked("changeOwner", newOwner)));
        vm.expectRevert(
            abi.encodeWithSelector(IDIDRegistry.DIDRegistryInvalidSignature.selector, identity, newOwner, identity)
        );
        registry.changeOwnerSigned(identity, v, r, s, newOwner);
    }

    function test_changeOwnerSigned_rejectsAlteredArgument() public {
        (uint8 v, bytes32 r, bytes32 s) = _sign(identityKey, _hash(identity, abi.encodePacked("changeOwner", newOwner)));
        vm.expectPartialRevert(IDIDRegistry.DIDRegistryInvalidSignature.selector);
        registry.changeOwnerSigned(identity, v, r, s, relayer);
    }

    function test_changeOwnerSigned_rejectsSignatureForAnotherRegistry() public {
        DIDRegistry other = new DIDRegistry();
        bytes32 hash = keccak256(
            abi.encodePacked(bytes1(0x19), bytes1(0), address(other), uint256(0), identity, "changeOwner", newOwner)
        );
        (uint8 v, bytes32 r, bytes32 s) = _sign(identityKey, hash);
        vm.expectPartialRevert(IDIDRegistry.DIDRegistryInvalidSignature.selector);
        registry.changeOwnerSigned(identity, v, r, s, newOwner);
    }

    function test_changeOwnerSigned_rejectsMalleableSignature() public {
        (uint8 v, bytes32 r, bytes32 s) = _sign(identityKey, _hash(identity, abi.encodePacked("changeOwner", newOwner)));
        // The mirrored signature (n - s, flipped v) passes ecrecover but not OpenZeppelin's low-s rule.
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27;
        assertEq(ecrecover(_hash(identity, abi.encodePacked("changeOwner", newOwner)), flippedV, r, highS), identity, "");
        vm.expectRevert(
            abi.encodeWithSelector(IDIDRegistry.DIDRegistryInvalidSignature.selector, identity, address(0), identity)
        );
        registry.changeOwnerSigned(identity, flippedV, r, highS, newOwner);
    }

    function test_signed_newOwnerSignsWithOwnNonce() public {
        vm.prank(identity);
        registry.changeOwner(identity, newOwner);
        // The identity's own key no longer works...
        (uint8 v, bytes32 r, bytes32 s) =
            _sign(identityKey, _hash(identity, abi.encodePacked("setAttribute", SVC, SVC_VALUE, uint256(1 days))));
        vm.expectPartialRevert(IDIDRegistry.DIDRegistryInvalidSignature.selector);
        registry.setAttributeSigned(identity, v, r, s, SVC, SVC_VALUE, 1 days);
        // ...the new owner's does, and consumes the new owner's nonce.
        (v, r, s) =
            _sign(newOwnerKey, _hash(identity, abi.encodePacked("setAttribute", SVC, SVC_VALUE, uint256(1 days))));
        registry.setAttributeSigned(identity, v, r, s, SVC, SVC_VALUE, 1 days);
        assertEq(registry.nonce(newOwner), 1, "new owner's nonce");
        assertEq(registry.nonce(identity), 0, "identity's nonce untouched");
    }

    function test_addDelegateSigned_addsAndRejectsReplay() public {
        bytes memory call = abi.encodePacked("addDelegate", VERI_KEY, delegate, uint256(1 days));
        (uint8 v, bytes32 r, bytes32 s) = _sign(identityKey, _hash(identity, call));
        vm.expectEmit(address(registry));
        emit IDIDRegistry.DIDDelegateChanged(identity, VERI_KEY, delegate, block.timestamp + 1 days, 0);
        vm.prank(relayer);
        registry.addDelegateSigned(identity, v, r, s, VERI_KEY, delegate, 1 days);
        assertTrue(registry.validDelegate(identity, VERI_KEY, delegate), "delegate");

        vm.expectPartialRevert(IDIDRegistry.DIDRegistryInvalidSignature.selector);
        registry.addDelegateSigned(identity, v, r, s, VERI_KEY, delegate, 1 days);
    }

    function test_addDelegateSigned_rejectsWrongSigner() public {
        bytes memory call = abi.encodePacked("addDelegate", VERI_KEY, delegate, uint256(1 days));
        (uint8 v, bytes32 r, bytes32 s) = _sign(newOwnerKey, _hash(identity, call));
        vm.expectPartialRevert(IDIDRegistry.DIDRegistryInvalidSignature.selector);
        registry.addDelegateSigned(identity, v, r, s, VERI_KEY, delegate, 1 days);
    }

    function test_revokeDelegateSigned_revokesAndRejectsReplay() public {
        vm.prank(identity);
        registry.addDelegate(identity, VERI_KEY, delegate, 1 days);
        (uint8 v, bytes32 r, bytes32 s) =
            _sign(identityKey, _hash(identity, abi.encodePacked("revokeDelegate", VERI_KEY, delegate)));
        registry.revokeDelegateSigned(identity, v, r, s, VERI_KEY, delegate);
        assertFalse(registry.validDelegate(identity, VERI_KEY, delegate), "revoked");
        assertEq(registry.nonce(identity), 1, "nonce");

        vm.expectPartialRevert(IDIDRegistry.DIDRegistryInvalidSignature.selector);
        registry.revokeDelegateSigned(identity, v, r, s, VERI_KEY, delegate);
    }

    function test_setAttributeSigned_setsAndRejectsReplay() public {
        bytes memory call = abi.encodePacked("setAttribute", SVC, SVC_VALUE, uint256(1 days));
        (uint8 v, bytes32 r, bytes32 s) = _sign(identityKey, _hash(identity, call));
        vm.expectEmit(address(registry));
        emit IDIDRegistry.DIDAttributeChanged(identity, SVC, SVC_VALUE, block.timestamp + 1 days, 0);
        vm.prank(relayer);
        registry.setAttributeSigned(identity, v, r, s, SVC, SVC_VALUE, 1 days);

        vm.expectPartialRevert(IDIDRegistry.DIDRegistryInvalidSignature.selector);
        vm.prank(relayer);
        registry.setAttributeSigned(identity, v, r, s, SVC, SVC_VALUE, 1 days);
    }

    function test_setAttributeSigned_rejectsAlteredValue() public {
        bytes memory call = abi.encodePacked("setAttribute", SVC, SVC_VALUE, uint256(1 days));
        (uint8 v, bytes32 r, bytes32 s) = _sign(identityKey, _hash(identity, call));
        vm.expectPartialRevert(IDIDRegistry.DIDRegistryInvalidSignature.selector);
        registry.setAttributeSigned(identity, v, r, s, SVC, bytes("https://attacker.example"), 1 days);
    }

    function test_revokeAttributeSigned_revokesAndRejectsReplay() public {
        (uint8 v, bytes32 r, bytes32 s) =
            _sign(identityKey, _hash(identity, abi.encodePacked("revokeAttribute", SVC, SVC_VALUE)));
        vm.expectEmit(address(registry));
        emit IDIDRegistry.DIDAttributeChanged(identity, SVC, SVC_VALUE, 0, 0);
        registry.revokeAttributeSigned(identity, v, r, s, SVC, SVC_VALUE);

        vm.expectPartialRevert(IDIDRegistry.DIDRegistryInvalidSignature.selector);
        registry.revokeAttributeSigned(identity, v, r, s, SVC, SVC_VALUE);
    }

    /// hardhat-config: fuzz.runs = 64
    function testFuzz_setAttributeSigned_rejectsAnyOtherKey(uint256 key) public {
        key = bound(key, 1, SECP256K1_N - 1);
        vm.assume(key != identityKey);
        bytes memory call = abi.encodePacked("setAttribute", SVC, SVC_VALUE, uint256(1 days));
        (uint8 v, bytes32 r, bytes32 s) = _sign(key, _hash(identity, call));
        vm.expectRevert(
            abi.encodeWithSelector(IDIDRegistry.DIDRegistryInvalidSignature.selector, identity, vm.addr(key), identity)
        );
        registry.setAttributeSigned(identity, v, r, s, SVC, SVC_VALUE, 1 days);
    }

    /// hardhat-config: fuzz.runs = 64
    function testFuzz_signed_nonceAdvancesOncePerSignature(uint8 calls) public {
        calls = uint8(bound(calls, 1, 8));
        for (uint256 i; i < calls; ++i) {
            bytes memory call = abi.encodePacked("setAttribute", SVC, SVC_VALUE, i);
            (uint8 v, bytes32 r, bytes32 s) = _sign(identityKey, _hash(identity, call));
            registry.setAttributeSigned(identity, v, r, s, SVC, SVC_VALUE, i);
            assertEq(registry.nonce(identity), i + 1, "nonce");
        }
    }
}
