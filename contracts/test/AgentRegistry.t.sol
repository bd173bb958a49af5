// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { IERC721Errors } from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import { AgentRegistry } from "../identity/AgentRegistry.sol";
import { IAgentRegistry } from "../interfaces/IAgentRegistry.sol";
import { MockContractWallet } from "./utils/Mocks.sol";
import { Test } from "./utils/Test.sol";

contract AgentRegistryTest is Test {
    AgentRegistry internal registry;

    address internal owner = address(0xA11CE);
    address internal stranger = address(0xBAD);
    address internal buyer = address(0xB0B);
    address internal wallet;
    uint256 internal walletKey;

    string internal constant URI = "https://agent.example.com/.well-known/agent-registration.json";
    bytes internal constant DID = "did:ethr:0x7a69:0x00000000000000000000000000000000000a11ce";

    function setUp() public {
        registry = new AgentRegistry();
        (wallet, walletKey) = makeAccount("agentWallet");
        vm.warp(1_700_000_000);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Helpers
    // -------------------------------------------------------------------------------------------------------------

    function _register() internal returns (uint256 agentId) {
        vm.prank(owner);
        agentId = registry.register(URI);
    }

    /// @dev The EIP-712 digest written out independently: domain ("ERC8004IdentityRegistry", "1").
    function _digest(uint256 agentId, address newWallet, address agentOwner, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("ERC8004IdentityRegistry"),
                keccak256("1"),
                block.chainid,
                address(registry)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)"),
                agentId,
                newWallet,
                agentOwner,
                deadline
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    function _walletSignature(uint256 key, uint256 agentId, address newWallet, address agentOwner, uint256 deadline)
        internal
        view
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, _digest(agentId, newWallet, agentOwner, deadline));
        return abi.encodePacked(r, s, v);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Registration
    // -------------------------------------------------------------------------------------------------------------

    function test_register_mintsAgentWithUriAndWallet() public {
        vm.expectEmit(address(registry));
        emit IAgentRegistry.Registered(1, URI, owner);
        uint256 agentId = _register();
        assertEq(agentId, 1, "ids start at 1");
        assertEq(registry.ownerOf(agentId), owner, "owner");
        assertEq(registry.tokenURI(agentId), URI, "uri");
        assertEq(registry.getAgentWallet(agentId), owner, "wallet starts as the owner");
        assertEq(registry.getMetadata(agentId, "agentWallet"), abi.encodePacked(owner), "agentWallet metadata");
        assertEq(_register(), 2, "next id");
    }

    function test_register_withoutUri() public {
        vm.prank(owner);
        uint256 agentId = registry.register();
        assertEq(registry.ownerOf(agentId), owner, "owner");
        assertEq(registry.tokenURI(agentId), "", "no uri");
    }

    function test_register_storesDidMetadata() public {
        IAgentRegistry.MetadataEntry[] memory metadata = new IAgentRegistry.MetadataEntry[](2);
        metadata[0] = IAgentRegistry.MetadataEntry("did", DID);
        metadata[1] = IAgentRegistry.MetadataEntry("model", bytes("risk-mlp-8-16-1"));
        vm.expectEmit(address(registry));
        emit IAgentRegistry.MetadataSet(1, "did", "did", DID);
        vm.prank(owner);
        uint256 agentId = registry.register(URI, metadata);
        assertEq(registry.getMetadata(agentId, "did"), DID, "did");
        assertEq(registry.getMetadata(agentId, "model"), bytes("risk-mlp-8-16-1"), "model");
        assertEq(registry.getMetadata(agentId, "missing"), bytes(""), "missing key");
    }

    function test_register_revertsOnReservedKey() public {
        IAgentRegistry.MetadataEntry[] memory metadata = new IAgentRegistry.MetadataEntry[](1);
        metadata[0] = IAgentRegistry.MetadataEntry("agentWallet", abi.encodePacked(stranger));
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryReservedKey.selector, "agentWallet"));
        vm.prank(owner);
        registry.register(URI, metadata);
    }

    function test_setAgentURI_ownerUpdates() public {
        uint256 agentId = _register();
        vm.expectEmit(address(registry));
        emit IAgentRegistry.URIUpdated(agentId, "ipfs://new", owner);
        vm.prank(owner);
        registry.setAgentURI(agentId, "ipfs://new");
        assertEq(registry.tokenURI(agentId), "ipfs://new", "uri");
    }

    function test_setAgentURI_approvedOperatorUpdates() public {
        uint256 agentId = _register();
        vm.prank(owner);
        registry.setApprovalForAll(buyer, true);
        vm.prank(buyer);
        registry.setAgentURI(agentId, "ipfs://by-operator");
        assertEq(registry.tokenURI(agentId), "ipfs://by-operator", "uri");
    }

    function test_setAgentURI_revertsForStranger() public {
        uint256 agentId = _register();
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryNotAuthorized.selector, agentId, stranger));
        vm.prank(stranger);
        registry.setAgentURI(agentId, "ipfs://evil");
    }

    function test_setAgentURI_revertsForUnknownAgent() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 42));
        registry.setAgentURI(42, "ipfs://nothing");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Metadata
    // -------------------------------------------------------------------------------------------------------------

    function test_setMetadata_ownerSetsAndOverwrites() public {
        uint256 agentId = _register();
        vm.startPrank(owner);
        registry.setMetadata(agentId, "did", DID);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.MetadataSet(agentId, "did", "did", bytes("did:ethr:0x7a69:0x01"));
        registry.setMetadata(agentId, "did", bytes("did:ethr:0x7a69:0x01"));
        vm.stopPrank();
        assertEq(registry.getMetadata(agentId, "did"), bytes("did:ethr:0x7a69:0x01"), "did");
    }

    function test_setMetadata_approvedAccountSets() public {
        uint256 agentId = _register();
        vm.prank(owner);
        registry.approve(buyer, agentId);
        vm.prank(buyer);
        registry.setMetadata(agentId, "did", DID);
        assertEq(registry.getMetadata(agentId, "did"), DID, "did");
    }

    function test_setMetadata_revertsForStranger() public {
        uint256 agentId = _register();
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryNotAuthorized.selector, agentId, stranger));
        vm.prank(stranger);
        registry.setMetadata(agentId, "did", DID);
    }

    function test_setMetadata_revertsOnReservedKey() public {
        uint256 agentId = _register();
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryReservedKey.selector, "agentWallet"));
        vm.prank(owner);
        registry.setMetadata(agentId, "agentWallet", abi.encodePacked(stranger));
    }

    function test_setMetadata_revertsForUnknownAgent() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 7));
        registry.setMetadata(7, "did", DID);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Agent wallet
    // -------------------------------------------------------------------------------------------------------------

    function test_setAgentWallet_acceptsSignatureOfNewWallet() public {
        uint256 agentId = _register();
        uint256 deadline = block.timestamp + 5 minutes;
        bytes memory signature = _walletSignature(walletKey, agentId, wallet, owner, deadline);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.MetadataSet(agentId, "agentWallet", "agentWallet", abi.encodePacked(wallet));
        vm.prank(owner);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
        assertEq(registry.getAgentWallet(agentId), wallet, "wallet");
        assertEq(registry.getMetadata(agentId, "agentWallet"), abi.encodePacked(wallet), "metadata mirror");
    }

    function test_setAgentWallet_acceptsAtDeadline() public {
        uint256 agentId = _register();
        uint256 deadline = block.timestamp + 60;
        bytes memory signature = _walletSignature(walletKey, agentId, wallet, owner, deadline);
        vm.warp(deadline);
        vm.prank(owner);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
        assertEq(registry.getAgentWallet(agentId), wallet, "wallet");
    }

    function test_setAgentWallet_revertsPastDeadline() public {
        uint256 agentId = _register();
        uint256 deadline = block.timestamp + 60;
        bytes memory signature = _walletSignature(walletKey, agentId, wallet, owner, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.AgentRegistryExpiredSignature.selector, deadline, deadline + 1)
        );
        vm.prank(owner);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
    }

    /// hardhat-config: fuzz.runs = 64
    function testFuzz_setAgentWallet_revertsPastDeadline(uint256 lateBy, uint256 signedAhead) public {
        uint256 agentId = _register();
        signedAhead = bound(signedAhead, 0, 5 minutes);
        lateBy = bound(lateBy, 1, 10 * 365 days);
        uint256 deadline = block.timestamp + signedAhead;
        bytes memory signature = _walletSignature(walletKey, agentId, wallet, owner, deadline);
        vm.warp(deadline + lateBy);
        vm.expectPartialRevert(IAgentRegistry.AgentRegistryExpiredSignature.selector);
        vm.prank(owner);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
    }

    function test_setAgentWallet_revertsDeadlineTooFar() public {
        uint256 agentId = _register();
        uint256 deadline = block.timestamp + 5 minutes + 1;
        bytes memory signature = _walletSignature(walletKey, agentId, wallet, owner, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentRegistry.AgentRegistryDeadlineTooFar.selector, deadline, block.timestamp + 5 minutes
            )
        );
        vm.prank(owner);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
    }

    function test_setAgentWallet_revertsWrongSigner() public {
        uint256 agentId = _register();
        uint256 deadline = block.timestamp + 60;
        (, uint256 otherKey) = makeAccount("other");
        bytes memory signature = _walletSignature(otherKey, agentId, wallet, owner, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.AgentRegistryInvalidWalletSignature.selector, agentId, wallet)
        );
        vm.prank(owner);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
    }

    function test_setAgentWallet_revertsSignatureForAnotherAgent() public {
        uint256 agentId = _register();
        uint256 otherAgent = _register();
        uint256 deadline = block.timestamp + 60;
        bytes memory signature = _walletSignature(walletKey, otherAgent, wallet, owner, deadline);
        vm.expectPartialRevert(IAgentRegistry.AgentRegistryInvalidWalletSignature.selector);
        vm.prank(owner);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
    }

    function test_setAgentWallet_revertsForStranger() public {
        uint256 agentId = _register();
        uint256 deadline = block.timestamp + 60;
        bytes memory signature = _walletSignature(walletKey, agentId, wallet, owner, deadline);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryNotAuthorized.selector, agentId, stranger));
        vm.prank(stranger);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
    }

    function test_setAgentWallet_revertsZeroWallet() public {
        uint256 agentId = _register();
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryZeroWallet.selector, agentId));
        vm.prank(owner);
        registry.setAgentWallet(agentId, address(0), block.timestamp, "");
    }

    function test_setAgentWallet_signatureStopsWorkingAfterTransfer() public {
        uint256 agentId = _register();
        uint256 deadline = block.timestamp + 60;
        bytes memory signature = _walletSignature(walletKey, agentId, wallet, owner, deadline);
        vm.prank(owner);
        registry.transferFrom(owner, buyer, agentId);
        // The signature names the previous owner, so the new owner cannot reuse it.
        vm.expectPartialRevert(IAgentRegistry.AgentRegistryInvalidWalletSignature.selector);
        vm.prank(buyer);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
    }

    function test_setAgentWallet_acceptsContractWalletSignature() public {
        uint256 agentId = _register();
        (address signer, uint256 signerKey) = makeAccount("walletOwner");
        MockContractWallet contractWallet = new MockContractWallet(signer);
        uint256 deadline = block.timestamp + 60;
        bytes memory signature = _walletSignature(signerKey, agentId, address(contractWallet), owner, deadline);
        vm.prank(owner);
        registry.setAgentWallet(agentId, address(contractWallet), deadline, signature);
        assertEq(registry.getAgentWallet(agentId), address(contractWallet), "contract wallet");
    }

    function test_transferFrom_clearsAgentWallet() public {
        uint256 agentId = _register();
        vm.expectEmit(address(registry));
        emit IAgentRegistry.MetadataSet(agentId, "agentWallet", "agentWallet", "");
        vm.prank(owner);
        registry.transferFrom(owner, buyer, agentId);
        assertEq(registry.ownerOf(agentId), buyer, "new owner");
        assertEq(registry.getAgentWallet(agentId), address(0), "wallet cleared");
        assertEq(registry.getMetadata(agentId, "agentWallet"), bytes(""), "metadata mirror cleared");
        assertEq(registry.tokenURI(agentId), URI, "uri stays");
    }

    function test_unsetAgentWallet_clears() public {
        uint256 agentId = _register();
        vm.prank(owner);
        registry.unsetAgentWallet(agentId);
        assertEq(registry.getAgentWallet(agentId), address(0), "cleared");
    }

    function test_unsetAgentWallet_revertsForStranger() public {
        uint256 agentId = _register();
        vm.expectPartialRevert(IAgentRegistry.AgentRegistryNotAuthorized.selector);
        vm.prank(stranger);
        registry.unsetAgentWallet(agentId);
    }

    function test_getAgentWallet_revertsForUnknownAgent() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        registry.getAgentWallet(1);
    }

    function test_typehash_matchesDraft() public view {
        assertEq(
            registry.AGENT_WALLET_SET_TYPEHASH(),
            keccak256("AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)"),
            "typehash"
        );
    }
}
