// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { IERC721Errors } from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import { AgentRegistry } from "../identity/AgentRegistry.sol";
import { ValidationRegistry } from "../inference/ValidationRegistry.sol";
import { IValidationRegistry } from "../interfaces/IValidationRegistry.sol";
import { Test } from "./utils/Test.sol";

contract ValidationRegistryTest is Test {
    AgentRegistry internal agents;
    ValidationRegistry internal registry;

    address internal owner = address(0xA11CE);
    address internal operator = address(0x0BE2);
    address internal validator = address(0x7A11D);
    address internal forwarder = address(0xF02D);
    address internal stranger = address(0xBAD);
    address internal wallet;
    uint256 internal walletKey;
    uint256 internal agentId;

    bytes32 internal constant HASH = keccak256("request");

    function setUp() public {
        vm.warp(1_700_000_000);
        agents = new AgentRegistry();
        registry = new ValidationRegistry(agents, forwarder);
        (wallet, walletKey) = makeAccount("agentWallet");
        vm.prank(owner);
        agentId = agents.register("https://agent.example/agent.json");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Helpers
    // -------------------------------------------------------------------------------------------------------------

    function _request(bytes32 requestHash) internal {
        vm.prank(owner);
        registry.validationRequest(validator, agentId, "ipfs://request", requestHash);
    }

    function _respond(bytes32 requestHash, uint8 response, bytes32 responseHash, string memory tag) internal {
        vm.prank(validator);
        registry.validationResponse(requestHash, response, "ipfs://response", responseHash, tag);
    }

    /// @dev Moves the agent's wallet to `wallet` with the wallet's EIP-712 consent, as AgentRegistry requires.
    function _setWallet() internal {
        uint256 deadline = block.timestamp + 5 minutes;
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("ERC8004IdentityRegistry"),
                keccak256("1"),
                block.chainid,
                address(agents)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(agents.AGENT_WALLET_SET_TYPEHASH(), agentId, wallet, owner, deadline)
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(walletKey, keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash)));
        vm.prank(owner);
        agents.setAgentWallet(agentId, wallet, deadline, abi.encodePacked(r, s, v));
    }

    // -------------------------------------------------------------------------------------------------------------
    // validationRequest
    // -------------------------------------------------------------------------------------------------------------

    function test_validationRequest_byOwnerRecordsAndLists() public {
        vm.expectEmit(address(registry));
        emit IValidationRegistry.ValidationRequest(validator, agentId, "ipfs://request", HASH);
        _request(HASH);
        (address v, uint256 id, uint8 response, bytes32 responseHash, string memory tag, uint256 lastUpdate) =
            registry.getValidationStatus(HASH);
        assertEq(v, validator, "validator");
        assertEq(id, agentId, "agentId");
        assertEq(response, 0, "no response yet");
        assertEq(responseHash, bytes32(0), "responseHash");
        assertEq(tag, "", "tag");
        assertEq(lastUpdate, block.timestamp, "lastUpdate");
        assertTrue(registry.requestExists(HASH), "exists");
        assertEq(registry.getAgentValidations(agentId).length, 1, "agent list");
        assertEq(registry.getAgentValidations(agentId)[0], HASH, "agent list entry");
        assertEq(registry.getValidatorRequests(validator)[0], HASH, "validator list entry");
        (uint64 count,) = registry.getSummary(agentId, new address[](0), "");
        assertEq(count, 0, "unanswered requests are not summarized");
    }

    function test_validationRequest_byApprovedAccountAndOperator() public {
        vm.prank(owner);
        agents.approve(operator, agentId);
        vm.prank(operator);
        registry.validationRequest(validator, agentId, "", keccak256("approved"));
        vm.prank(owner);
        agents.setApprovalForAll(stranger, true);
        vm.prank(stranger);
        registry.validationRequest(validator, agentId, "", keccak256("operator"));
        assertEq(registry.getAgentValidations(agentId).length, 2, "both filed");
    }

    function test_validationRequest_byAgentWallet() public {
        _setWallet();
        vm.prank(wallet);
        registry.validationRequest(validator, agentId, "", HASH);
        assertTrue(registry.requestExists(HASH), "filed by the wallet");
    }

    function test_validationRequest_revertsForStranger() public {
        vm.expectRevert(
            abi.encodeWithSelector(IValidationRegistry.ValidationRegistryNotAuthorized.selector, agentId, stranger)
        );
        vm.prank(stranger);
        registry.validationRequest(validator, agentId, "", HASH);
    }

    function test_validationRequest_revertsForUnknownAgent() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 99));
        vm.prank(owner);
        registry.validationRequest(validator, 99, "", HASH);
    }

    function test_validationRequest_revertsOnZeroValidator() public {
        vm.expectRevert(IValidationRegistry.ValidationRegistryZeroValidator.selector);
        vm.prank(owner);
        registry.validationRequest(address(0), agentId, "", HASH);
    }

    function test_validationRequest_revertsOnTakenHash() public {
        _request(HASH);
        vm.expectRevert(abi.encodeWithSelector(IValidationRegistry.ValidationRegistryRequestExists.selector, HASH));
        _request(HASH);
    }

    // -------------------------------------------------------------------------------------------------------------
    // validationRequestFor
    // -------------------------------------------------------------------------------------------------------------

    function test_validationRequestFor_filesForTheRequester() public {
        vm.prank(forwarder);
        bytes32 filed = registry.validationRequestFor(owner, validator, agentId, "", HASH);
        assertEq(filed, HASH, "free hash kept");
        (address v, uint256 id,,,,) = registry.getValidationStatus(HASH);
        assertEq(v, validator, "validator");
        assertEq(id, agentId, "agentId");
    }

    function test_validationRequestFor_revertsForOtherCallers() public {
        vm.expectRevert(
            abi.encodeWithSelector(IValidationRegistry.ValidationRegistryNotForwarder.selector, owner, forwarder)
        );
        vm.prank(owner);
        registry.validationRequestFor(owner, validator, agentId, "", HASH);
    }

    function test_validationRequestFor_revertsForUnauthorizedRequester() public {
        vm.expectRevert(
            abi.encodeWithSelector(IValidationRegistry.ValidationRegistryNotAuthorized.selector, agentId, stranger)
        );
        vm.prank(forwarder);
        registry.validationRequestFor(stranger, validator, agentId, "", HASH);
    }

    function test_validationRequestFor_movesPastSquattedHashes() public {
        // Someone files the expected hash, and the next one in the chain, first.
        bytes32 next = keccak256(abi.encode(HASH));
        vm.prank(stranger);
        uint256 squatter = agents.register();
        vm.startPrank(stranger);
        registry.validationRequest(stranger, squatter, "", HASH);
        registry.validationRequest(stranger, squatter, "", next);
        vm.stopPrank();

        vm.prank(forwarder);
        bytes32 filed = registry.validationRequestFor(owner, validator, agentId, "", HASH);
        assertEq(filed, keccak256(abi.encode(next)), "third hash in the chain");
        (address v, uint256 id,,,,) = registry.getValidationStatus(filed);
        assertEq(v, validator, "validator");
        assertEq(id, agentId, "agentId");
        (address squatValidator, uint256 squatAgent,,,,) = registry.getValidationStatus(HASH);
        assertEq(squatValidator, stranger, "squatted request untouched");
        assertEq(squatAgent, squatter, "squatted agent untouched");
    }

    // -------------------------------------------------------------------------------------------------------------
    // validationResponse
    // -------------------------------------------------------------------------------------------------------------

    function test_validationResponse_recordsScoreHashAndTag() public {
        _request(HASH);
        vm.warp(block.timestamp + 10);
        vm.expectEmit(address(registry));
        emit IValidationRegistry.ValidationResponse(
            validator, agentId, HASH, 87, "ipfs://response", keccak256("evidence"), "zkml"
        );
        _respond(HASH, 87, keccak256("evidence"), "zkml");
        (,, uint8 response, bytes32 responseHash, string memory tag, uint256 lastUpdate) =
            registry.getValidationStatus(HASH);
        assertEq(response, 87, "response");
        assertEq(responseHash, keccak256("evidence"), "responseHash");
        assertEq(tag, "zkml", "tag");
        assertEq(lastUpdate, block.timestamp, "lastUpdate");
    }

    function test_validationResponse_updatesAndClearsOptionalFields() public {
        _request(HASH);
        _respond(HASH, 50, keccak256("evidence"), "zkml");
        _respond(HASH, 100, bytes32(0), "");
        (,, uint8 response, bytes32 responseHash, string memory tag,) = registry.getValidationStatus(HASH);
        assertEq(response, 100, "updated response");
        assertEq(responseHash, bytes32(0), "hash cleared");
        assertEq(tag, "", "tag cleared");
        (uint64 count, uint8 avg) = registry.getSummary(agentId, new address[](0), "");
        assertEq(count, 1, "one request");
        assertEq(avg, 100, "latest score counts");
    }

    function test_validationResponse_revertsForOtherThanTheValidator() public {
        _request(HASH);
        vm.expectRevert(
            abi.encodeWithSelector(
                IValidationRegistry.ValidationRegistryNotValidator.selector, HASH, owner, validator
            )
        );
        vm.prank(owner);
        registry.validationResponse(HASH, 100, "", bytes32(0), "");
    }

    function test_validationResponse_revertsForUnknownRequest() public {
        vm.expectRevert(abi.encodeWithSelector(IValidationRegistry.ValidationRegistryUnknownRequest.selector, HASH));
        vm.prank(validator);
        registry.validationResponse(HASH, 100, "", bytes32(0), "");
    }

    function testFuzz_validationResponse_acceptsOnlyZeroToHundred(uint8 response) public {
        _request(HASH);
        if (response > 100) {
            vm.expectRevert(
                abi.encodeWithSelector(IValidationRegistry.ValidationRegistryInvalidResponse.selector, response)
            );
        }
        _respond(HASH, response, bytes32(0), "");
        if (response <= 100) {
            (,, uint8 stored,,,) = registry.getValidationStatus(HASH);
            assertEq(stored, response, "stored response");
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    function test_getValidationStatus_revertsForUnknownRequest() public {
        vm.expectRevert(abi.encodeWithSelector(IValidationRegistry.ValidationRegistryUnknownRequest.selector, HASH));
        registry.getValidationStatus(HASH);
    }

    function test_getSummary_filtersByValidatorAndTag() public {
        address other = address(0x07E2);
        vm.startPrank(owner);
        registry.validationRequest(validator, agentId, "", keccak256("a"));
        registry.validationRequest(validator, agentId, "", keccak256("b"));
        registry.validationRequest(other, agentId, "", keccak256("c"));
        registry.validationRequest(validator, agentId, "", keccak256("unanswered"));
        vm.stopPrank();
        _respond(keccak256("a"), 100, bytes32(0), "zkml");
        _respond(keccak256("b"), 51, bytes32(0), "tee");
        vm.prank(other);
        registry.validationResponse(keccak256("c"), 0, "", bytes32(0), "zkml");

        (uint64 count, uint8 avg) = registry.getSummary(agentId, new address[](0), "");
        assertEq(count, 3, "all answered");
        assertEq(avg, 50, "floor(151 / 3)");
        address[] memory only = new address[](1);
        only[0] = validator;
        (count, avg) = registry.getSummary(agentId, only, "");
        assertEq(count, 2, "one validator");
        assertEq(avg, 75, "floor(151 / 2)");
        (count, avg) = registry.getSummary(agentId, new address[](0), "zkml");
        assertEq(count, 2, "one tag");
        assertEq(avg, 50, "(100 + 0) / 2");
        (count, avg) = registry.getSummary(agentId, only, "zkml");
        assertEq(count, 1, "both filters");
        assertEq(avg, 100, "avg");
        (count, avg) = registry.getSummary(agentId + 1, new address[](0), "");
        assertEq(count, 0, "other agent");
        assertEq(avg, 0, "no average");
        assertEq(registry.getValidatorRequests(validator).length, 3, "validator list");
        assertEq(registry.getValidatorRequests(other).length, 1, "other validator list");
    }

    function testFuzz_getSummary_averagesScores(uint8[8] memory scores, uint8 n) public {
        n = uint8(bound(n, 1, 8));
        uint256 total;
        for (uint256 i; i < n; ++i) {
            uint8 score = uint8(bound(scores[i], 0, 100));
            bytes32 requestHash = keccak256(abi.encode(i));
            _request(requestHash);
            _respond(requestHash, score, bytes32(0), "");
            total += score;
        }
        (uint64 count, uint8 avg) = registry.getSummary(agentId, new address[](0), "");
        assertEq(count, n, "count");
        assertEq(avg, total / n, "average");
    }

    function test_views_nameTheRegistries() public view {
        assertEq(registry.getIdentityRegistry(), address(agents), "identity registry");
        assertEq(registry.trustedForwarder(), forwarder, "forwarder");
        assertEq(registry.MAX_RESPONSE(), 100, "max response");
    }
}
