// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { AgentRegistry } from "../identity/AgentRegistry.sol";
import { IReputationRegistry } from "../interfaces/IReputationRegistry.sol";
import { ReputationRegistry } from "../reputation/ReputationRegistry.sol";
import { Test } from "./utils/Test.sol";

contract ReputationRegistryTest is Test {
    AgentRegistry internal agents;
    ReputationRegistry internal reputation;

    address internal owner = address(0xA11CE);
    address internal approved = address(0xA22);
    address internal operator = address(0x0BE2);
    address internal client = address(0xC11E);
    address internal client2 = address(0xC22E);
    address internal stranger = address(0xBAD);
    uint256 internal agentId;
    uint256 internal otherAgentId;

    string internal constant RATE = "successRate";
    string internal constant ENDPOINT = "http://127.0.0.1:8080";
    bytes32 internal constant JOB_HASH = keccak256("job 1");

    function setUp() public {
        agents = new AgentRegistry();
        reputation = new ReputationRegistry(agents);
        vm.prank(owner);
        agentId = agents.register("https://agent.example/agent.json");
        vm.prank(owner);
        otherAgentId = agents.register("https://agent.example/other.json");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Helpers
    // -------------------------------------------------------------------------------------------------------------

    function _give(address from, int128 value, uint8 decimals, string memory tag1, string memory tag2) internal {
        vm.prank(from);
        reputation.giveFeedback(agentId, value, decimals, tag1, tag2, ENDPOINT, "", JOB_HASH);
    }

    function _clients(address a) internal pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = a;
    }

    function _clients(address a, address b) internal pure returns (address[] memory list) {
        list = new address[](2);
        list[0] = a;
        list[1] = b;
    }

    function _summary(address[] memory clients, string memory tag1, string memory tag2)
        internal
        view
        returns (uint256 count, int256 value, uint256 decimals)
    {
        (uint64 c, int128 v, uint8 d) = reputation.getSummary(agentId, clients, tag1, tag2);
        return (c, v, d);
    }

    function _expectInvalidIndex(address who, uint64 index, uint64 last) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IReputationRegistry.ReputationRegistryInvalidIndex.selector, agentId, who, index, last
            )
        );
    }

    // -------------------------------------------------------------------------------------------------------------
    // giveFeedback
    // -------------------------------------------------------------------------------------------------------------

    function test_getIdentityRegistry_namesTheAgentRegistry() public view {
        assertEq(reputation.getIdentityRegistry(), address(agents), "identity registry");
    }

    function test_giveFeedback_recordsAndEmits() public {
        vm.expectEmit(address(reputation));
        emit IReputationRegistry.NewFeedback(
            agentId, client, 1, 100, 0, RATE, RATE, "latencyMs:850", ENDPOINT, "ipfs://f", JOB_HASH
        );
        vm.prank(client);
        reputation.giveFeedback(agentId, 100, 0, RATE, "latencyMs:850", ENDPOINT, "ipfs://f", JOB_HASH);
        assertEq(reputation.getLastIndex(agentId, client), 1, "last index");
        (int128 value, uint8 decimals, string memory tag1, string memory tag2, bool revoked) =
            reputation.readFeedback(agentId, client, 1);
        assertEq(value, 100, "value");
        assertEq(decimals, 0, "decimals");
        assertEq(tag1, RATE, "tag1");
        assertEq(tag2, "latencyMs:850", "tag2");
        assertFalse(revoked, "not revoked");
        address[] memory clients = reputation.getClients(agentId);
        assertEq(clients.length, 1, "one client");
        assertEq(clients[0], client, "the client");
    }

    function test_giveFeedback_indexesPerAgentAndClient() public {
        _give(client, 100, 0, RATE, "");
        _give(client, 0, 0, RATE, "noShow");
        _give(client2, 100, 0, RATE, "");
        vm.prank(client);
        reputation.giveFeedback(otherAgentId, 50, 0, RATE, "", ENDPOINT, "", JOB_HASH);
        assertEq(reputation.getLastIndex(agentId, client), 2, "client's second");
        assertEq(reputation.getLastIndex(agentId, client2), 1, "client2's first");
        assertEq(reputation.getLastIndex(otherAgentId, client), 1, "separate per agent");
        assertEq(reputation.getLastIndex(agentId, stranger), 0, "none");
        address[] memory clients = reputation.getClients(agentId);
        assertEq(clients.length, 2, "each client once");
        assertEq(clients[0], client, "first client first");
        assertEq(clients[1], client2, "second client");
        (int128 value,,, string memory tag2,) = reputation.readFeedback(agentId, client, 2);
        assertEq(value, 0, "second value");
        assertEq(tag2, "noShow", "second tag2");
    }

    function test_giveFeedback_RevertWhen_selfFeedbackByOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationRegistrySelfFeedback.selector, agentId, owner)
        );
        _give(owner, 100, 0, RATE, "");
        assertEq(reputation.getLastIndex(agentId, owner), 0, "nothing recorded");
    }

    function test_giveFeedback_RevertWhen_selfFeedbackByApproved() public {
        vm.prank(owner);
        agents.approve(approved, agentId);
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationRegistrySelfFeedback.selector, agentId, approved)
        );
        _give(approved, 100, 0, RATE, "");
        // Approval for one agent does not bar rating another.
        vm.prank(approved);
        reputation.giveFeedback(otherAgentId, 100, 0, RATE, "", ENDPOINT, "", JOB_HASH);
        assertEq(reputation.getLastIndex(otherAgentId, approved), 1, "rated the other agent");
    }

    function test_giveFeedback_RevertWhen_selfFeedbackByOperator() public {
        vm.prank(owner);
        agents.setApprovalForAll(operator, true);
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationRegistrySelfFeedback.selector, agentId, operator)
        );
        _give(operator, 100, 0, RATE, "");
        // Once the operator is revoked it is a client like any other.
        vm.prank(owner);
        agents.setApprovalForAll(operator, false);
        _give(operator, 100, 0, RATE, "");
        assertEq(reputation.getLastIndex(agentId, operator), 1, "rated after revocation");
    }

    function test_giveFeedback_RevertWhen_selfFeedbackByWallet() public {
        (address wallet, uint256 walletKey) = makeAccount("agent wallet");
        uint256 deadline = block.timestamp + 5 minutes;
        bytes32 structHash = keccak256(
            abi.encode(agents.AGENT_WALLET_SET_TYPEHASH(), agentId, wallet, owner, deadline)
        );
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            agents.eip712Domain();
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifyingContract
            )
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(walletKey, keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash)));
        vm.prank(owner);
        agents.setAgentWallet(agentId, wallet, deadline, abi.encodePacked(r, s, v));
        assertEq(agents.getAgentWallet(agentId), wallet, "wallet set");
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationRegistrySelfFeedback.selector, agentId, wallet)
        );
        _give(wallet, 100, 0, RATE, "");
        assertEq(reputation.getLastIndex(agentId, wallet), 0, "nothing recorded");
        // The wallet of one agent may rate another agent.
        vm.prank(wallet);
        reputation.giveFeedback(otherAgentId, 100, 0, RATE, "", ENDPOINT, "", JOB_HASH);
        assertEq(reputation.getLastIndex(otherAgentId, wallet), 1, "rated the other agent");
    }

    function test_giveFeedback_formerOwnerMayRateAfterTransfer() public {
        vm.prank(owner);
        agents.transferFrom(owner, stranger, agentId);
        _give(owner, 100, 0, RATE, "");
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationRegistrySelfFeedback.selector, agentId, stranger)
        );
        _give(stranger, 100, 0, RATE, "");
    }

    function test_giveFeedback_RevertWhen_unknownAgent() public {
        vm.expectRevert(abi.encodeWithSelector(IReputationRegistry.ReputationRegistryUnknownAgent.selector, 99));
        vm.prank(client);
        reputation.giveFeedback(99, 100, 0, RATE, "", ENDPOINT, "", JOB_HASH);
        vm.expectRevert(abi.encodeWithSelector(IReputationRegistry.ReputationRegistryUnknownAgent.selector, 0));
        vm.prank(client);
        reputation.giveFeedback(0, 100, 0, RATE, "", ENDPOINT, "", JOB_HASH);
        assertEq(reputation.getClients(99).length, 0, "no client recorded");
    }

    function test_giveFeedback_RevertWhen_tooManyDecimals() public {
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationRegistryInvalidValueDecimals.selector, 19)
        );
        _give(client, 1, 19, RATE, "");
        _give(client, 1, 18, RATE, "");
        assertEq(reputation.getLastIndex(agentId, client), 1, "18 decimals accepted");
    }

    function test_giveFeedback_RevertWhen_valueOutOfRange() public {
        int128 max = 1e38;
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationRegistryValueOutOfRange.selector, max + 1)
        );
        _give(client, max + 1, 0, RATE, "");
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationRegistryValueOutOfRange.selector, -max - 1)
        );
        _give(client, -max - 1, 0, RATE, "");
        _give(client, max, 0, RATE, "");
        _give(client, -max, 0, RATE, "");
        assertEq(reputation.getLastIndex(agentId, client), 2, "the bounds are accepted");
    }

    function testFuzz_giveFeedback_acceptsExactlyTheValidRange(int128 value, uint8 decimals) public {
        bool validValue = value <= 1e38 && value >= -1e38;
        if (decimals > 18) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IReputationRegistry.ReputationRegistryInvalidValueDecimals.selector, decimals
                )
            );
        } else if (!validValue) {
            vm.expectRevert(
                abi.encodeWithSelector(IReputationRegistry.ReputationRegistryValueOutOfRange.selector, value)
            );
        }
        _give(client, value, decimals, RATE, "");
        if (decimals > 18 || !validValue) {
            assertEq(reputation.getLastIndex(agentId, client), 0, "refused");
            return;
        }
        (int128 stored, uint8 storedDecimals,,,) = reputation.readFeedback(agentId, client, 1);
        assertEq(stored, value, "value round-trips");
        assertEq(storedDecimals, decimals, "decimals round-trip");
    }

    // -------------------------------------------------------------------------------------------------------------
    // readFeedback / revokeFeedback
    // -------------------------------------------------------------------------------------------------------------

    function test_readFeedback_RevertWhen_invalidIndex() public {
        _expectInvalidIndex(client, 1, 0);
        reputation.readFeedback(agentId, client, 1);
        _give(client, 100, 0, RATE, "");
        _expectInvalidIndex(client, 0, 1);
        reputation.readFeedback(agentId, client, 0);
        _expectInvalidIndex(client, 2, 1);
        reputation.readFeedback(agentId, client, 2);
    }

    function test_revokeFeedback_marksItRevoked() public {
        _give(client, 100, 0, RATE, "");
        vm.expectEmit(address(reputation));
        emit IReputationRegistry.FeedbackRevoked(agentId, client, 1);
        vm.prank(client);
        reputation.revokeFeedback(agentId, 1);
        (int128 value,,,, bool revoked) = reputation.readFeedback(agentId, client, 1);
        assertTrue(revoked, "revoked");
        assertEq(value, 100, "still readable");
        assertEq(reputation.getLastIndex(agentId, client), 1, "index unchanged");
    }

    function test_revokeFeedback_RevertWhen_invalidIndexOrAlreadyRevoked() public {
        _give(client, 100, 0, RATE, "");
        _expectInvalidIndex(client, 0, 1);
        vm.prank(client);
        reputation.revokeFeedback(agentId, 0);
        _expectInvalidIndex(client, 2, 1);
        vm.prank(client);
        reputation.revokeFeedback(agentId, 2);
        // Only the client's own feedback: for the stranger, index 1 does not exist.
        _expectInvalidIndex(stranger, 1, 0);
        vm.prank(stranger);
        reputation.revokeFeedback(agentId, 1);
        (,,,, bool revoked) = reputation.readFeedback(agentId, client, 1);
        assertFalse(revoked, "untouched");

        vm.prank(client);
        reputation.revokeFeedback(agentId, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationRegistryAlreadyRevoked.selector, agentId, client, 1)
        );
        vm.prank(client);
        reputation.revokeFeedback(agentId, 1);
    }

    // -------------------------------------------------------------------------------------------------------------
    // appendResponse / getResponseCount
    // -------------------------------------------------------------------------------------------------------------

    function test_appendResponse_countsPerResponderFeedbackAndClient() public {
        _give(client, 0, 0, RATE, "noShow");
        _give(client, 100, 0, RATE, "");
        _give(client2, 0, 0, RATE, "badDelivery");

        vm.expectEmit(address(reputation));
        emit IReputationRegistry.ResponseAppended(agentId, client, 1, owner, "ipfs://r1", keccak256("r1"));
        vm.prank(owner);
        reputation.appendResponse(agentId, client, 1, "ipfs://r1", keccak256("r1"));
        vm.prank(owner);
        reputation.appendResponse(agentId, client, 1, "ipfs://r2", bytes32(0));
        vm.prank(stranger);
        reputation.appendResponse(agentId, client, 1, "ipfs://r3", bytes32(0));
        vm.prank(owner);
        reputation.appendResponse(agentId, client, 2, "ipfs://r4", bytes32(0));
        vm.prank(owner);
        reputation.appendResponse(agentId, client2, 1, "ipfs://r5", bytes32(0));

        address[] memory none = new address[](0);
        assertEq(reputation.getResponseCount(agentId, client, 1, none), 3, "all responders of one feedback");
        assertEq(reputation.getResponseCount(agentId, client, 1, _clients(owner)), 2, "the owner's responses");
        assertEq(reputation.getResponseCount(agentId, client, 1, _clients(stranger)), 1, "the stranger's");
        assertEq(reputation.getResponseCount(agentId, client, 2, _clients(stranger)), 0, "none there");
        assertEq(reputation.getResponseCount(agentId, client, 0, none), 4, "every feedback of the client");
        assertEq(reputation.getResponseCount(agentId, address(0), 0, none), 5, "every client");
        assertEq(reputation.getResponseCount(agentId, address(0), 0, _clients(owner)), 4, "every client, owner only");
        assertEq(reputation.getResponseCount(otherAgentId, address(0), 0, none), 0, "other agent");
    }

    function test_appendResponse_RevertWhen_emptyUriOrInvalidIndex() public {
        _give(client, 0, 0, RATE, "noShow");
        vm.expectRevert(IReputationRegistry.ReputationRegistryEmptyResponseURI.selector);
        vm.prank(owner);
        reputation.appendResponse(agentId, client, 1, "", bytes32(0));
        _expectInvalidIndex(client, 0, 1);
        vm.prank(owner);
        reputation.appendResponse(agentId, client, 0, "ipfs://r", bytes32(0));
        _expectInvalidIndex(client, 2, 1);
        vm.prank(owner);
        reputation.appendResponse(agentId, client, 2, "ipfs://r", bytes32(0));
        _expectInvalidIndex(client2, 1, 0);
        vm.prank(owner);
        reputation.appendResponse(agentId, client2, 1, "ipfs://r", bytes32(0));
        assertEq(reputation.getResponseCount(agentId, address(0), 0, new address[](0)), 0, "none recorded");
    }

    // -------------------------------------------------------------------------------------------------------------
    // getSummary
    // -------------------------------------------------------------------------------------------------------------

    function test_getSummary_RevertWhen_noClients() public {
        _give(client, 100, 0, RATE, "");
        vm.expectRevert(abi.encodeWithSelector(IReputationRegistry.ReputationRegistryNoClients.selector, agentId));
        reputation.getSummary(agentId, new address[](0), RATE, "");
    }

    function test_getSummary_emptyIsZero() public view {
        (uint256 count, int256 value, uint256 decimals) = _summary(_clients(client), RATE, "");
        assertEq(count, 0, "count");
        assertEq(value, 0, "value");
        assertEq(decimals, 0, "decimals");
    }

    function test_getSummary_averagesMixedDecimalsAtTheMostFrequent() public {
        _give(client, 100, 0, RATE, ""); // 100
        _give(client, 80, 0, RATE, ""); // 80
        _give(client2, 9950, 2, RATE, ""); // 99.50
        (uint256 count, int256 value, uint256 decimals) = _summary(_clients(client, client2), RATE, "");
        assertEq(count, 3, "count");
        assertEq(decimals, 0, "reported at 0 decimals, the most frequent");
        assertEq(value, 93, "(100 + 80 + 99.5) / 3 = 93.17, truncated at 0 decimals");

        _give(client2, 5025, 2, RATE, ""); // 50.25
        _give(client2, 7000, 2, RATE, ""); // 70.00
        (count, value, decimals) = _summary(_clients(client, client2), RATE, "");
        assertEq(count, 5, "count");
        assertEq(decimals, 2, "2 decimals now most frequent");
        assertEq(value, 7995, "(100 + 80 + 99.5 + 50.25 + 70) / 5 = 79.95");
    }

    function test_getSummary_tieOfDecimalsReportsTheLowest() public {
        _give(client, 1, 0, RATE, "");
        _give(client, 25, 1, RATE, ""); // 2.5
        (uint256 count, int256 value, uint256 decimals) = _summary(_clients(client), RATE, "");
        assertEq(count, 2, "count");
        assertEq(decimals, 0, "lowest of the tie");
        assertEq(value, 1, "(1 + 2.5) / 2 = 1.75, truncated");
    }

    function test_getSummary_negativeValuesTruncateTowardZero() public {
        _give(client, -5, 0, "pnl", "");
        _give(client, 2, 0, "pnl", "");
        (uint256 count, int256 value,) = _summary(_clients(client), "pnl", "");
        assertEq(count, 2, "count");
        assertEq(value, -1, "-3 / 2");
    }

    function test_getSummary_filtersTagsClientsAndRevoked() public {
        _give(client, 100, 0, RATE, "latencyMs:900");
        _give(client, 0, 0, RATE, "noShow");
        _give(client, 100, 0, RATE, "latencyMs:700");
        _give(client, 4, 0, "stars", "");
        _give(client2, 0, 0, RATE, "noShow"); // not trusted below
        vm.prank(client);
        reputation.revokeFeedback(agentId, 3);

        (uint256 count, int256 value,) = _summary(_clients(client), RATE, "");
        assertEq(count, 2, "tag1 filter, revoked skipped");
        assertEq(value, 50, "(100 + 0) / 2");
        (count, value,) = _summary(_clients(client), RATE, "noShow");
        assertEq(count, 1, "both tags");
        assertEq(value, 0, "the noShow");
        (count, value,) = _summary(_clients(client), "", "");
        assertEq(count, 3, "no filter: every unrevoked feedback");
        (count, value,) = _summary(_clients(client), "", "latencyMs:900");
        assertEq(count, 1, "tag2 only");
        assertEq(value, 100, "the success");
        (count, value,) = _summary(_clients(client, client2), RATE, "");
        assertEq(count, 3, "client2 counted when trusted");
        assertEq(value, 33, "(100 + 0 + 0) / 3");
        (count,,) = _summary(_clients(stranger), RATE, "");
        assertEq(count, 0, "a client without feedback adds nothing");
    }

    function testFuzz_getSummary_averagesValuesAtOneDecimals(int256 a, int256 b, uint256 decimals) public {
        decimals = bound(decimals, 0, 18);
        a = int256(bound(uint256(a), 0, 2e38)) - 1e38;
        b = int256(bound(uint256(b), 0, 2e38)) - 1e38;
        _give(client, int128(a), uint8(decimals), RATE, "");
        _give(client2, int128(b), uint8(decimals), RATE, "");
        (uint256 count, int256 value, uint256 summaryDecimals) = _summary(_clients(client, client2), RATE, "");
        assertEq(count, 2, "count");
        assertEq(summaryDecimals, decimals, "same decimals");
        assertEq(value, (a + b) / 2, "average");
    }

    // -------------------------------------------------------------------------------------------------------------
    // readAllFeedback
    // -------------------------------------------------------------------------------------------------------------

    function test_readAllFeedback_filtersAndOrders() public {
        _give(client, 100, 0, RATE, "latencyMs:900");
        _give(client2, 0, 0, RATE, "noShow");
        _give(client, 4, 0, "stars", "");
        _give(client, 100, 0, RATE, "latencyMs:700");
        vm.prank(client);
        reputation.revokeFeedback(agentId, 1);

        (
            address[] memory clients,
            uint64[] memory indexes,
            int128[] memory values,
            uint8[] memory decimals,
            string[] memory tag1s,
            string[] memory tag2s,
            bool[] memory revoked
        ) = reputation.readAllFeedback(agentId, new address[](0), RATE, "", false);
        assertEq(clients.length, 2, "all clients, tag1, unrevoked");
        assertEq(clients[0], client, "client order first");
        assertEq(indexes[0], 3, "client's third");
        assertEq(tag2s[0], "latencyMs:700", "its tag2");
        assertEq(clients[1], client2, "then client2");
        assertEq(values[1], 0, "its value");
        assertEq(decimals[1], 0, "its decimals");
        assertEq(tag1s[1], RATE, "its tag1");
        assertFalse(revoked[0] || revoked[1], "none revoked");

        (clients, indexes,,,,, revoked) = reputation.readAllFeedback(agentId, _clients(client), RATE, "", true);
        assertEq(clients.length, 2, "one client with revoked");
        assertEq(indexes[0], 1, "the revoked one first");
        assertTrue(revoked[0], "marked revoked");
        assertEq(indexes[1], 3, "then the third");

        (clients,,,,, tag2s,) = reputation.readAllFeedback(agentId, _clients(client2, client), "", "noShow", true);
        assertEq(clients.length, 1, "tag2 filter");
        assertEq(clients[0], client2, "client2's noShow");

        (clients,,,,,,) = reputation.readAllFeedback(agentId, _clients(stranger), "", "", true);
        assertEq(clients.length, 0, "nothing from a silent client");
        (clients,,,,,,) = reputation.readAllFeedback(otherAgentId, new address[](0), "", "", true);
        assertEq(clients.length, 0, "nothing for another agent");
    }
}
