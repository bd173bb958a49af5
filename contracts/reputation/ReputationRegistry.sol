// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { IERC721 } from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import { SafeCast } from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import { IAgentRegistry } from "../interfaces/IAgentRegistry.sol";
import { IReputationRegistry } from "../interfaces/IReputationRegistry.sol";

/// @title ReputationRegistry
/// @notice ERC-8004 v1 reputation: clients rate agents of one identity registry, revoke their ratings, and anyone
/// responds to them.
/// @dev Feedback is kept per (agent, client), indexed from 1. Reads walk the named clients' feedback; callers bound
/// the work by naming few clients (a reader names the clients it trusts anyway).
contract ReputationRegistry is IReputationRegistry {
    // -------------------------------------------------------------------------------------------------------------
    // Constants
    // -------------------------------------------------------------------------------------------------------------

    int128 private constant MAX_ABS_VALUE = 1e38;
    uint8 private constant MAX_DECIMALS = 18;

    // -------------------------------------------------------------------------------------------------------------
    // Storage
    // -------------------------------------------------------------------------------------------------------------

    /// @dev value, valueDecimals and isRevoked share one slot.
    struct Feedback {
        int128 value;
        uint8 valueDecimals;
        bool isRevoked;
        string tag1;
        string tag2;
    }

    /// @dev The feedback a reader asked for: tag filters as hashes (0 when empty: any tag matches).
    struct Filter {
        bytes32 tag1Hash;
        bytes32 tag2Hash;
        bool includeRevoked;
    }

    /// @dev What `readAllFeedback` returns, gathered in one memory value (seven arrays do not fit the stack).
    struct FeedbackList {
        address[] clients;
        uint64[] feedbackIndexes;
        int128[] values;
        uint8[] valueDecimals;
        string[] tag1s;
        string[] tag2s;
        bool[] revoked;
    }

    IAgentRegistry private immutable _identityRegistry;

    mapping(uint256 agentId => mapping(address client => mapping(uint64 index => Feedback))) private _feedback;
    mapping(uint256 agentId => mapping(address client => uint64)) private _lastIndex;
    mapping(uint256 agentId => address[]) private _clients;
    mapping(uint256 agentId => mapping(address client => mapping(uint64 index => address[]))) private _responders;
    mapping(uint256 agentId => mapping(address client => mapping(uint64 index => mapping(address responder => uint64))))
        private _responseCount;

    // -------------------------------------------------------------------------------------------------------------
    // Constructor
    // -------------------------------------------------------------------------------------------------------------

    /// @param identityRegistry The AgentRegistry whose agents are rated.
    constructor(IAgentRegistry identityRegistry) {
        _identityRegistry = identityRegistry;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Writes
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IReputationRegistry
    function giveFeedback(
        uint256 agentId,
        int128 value,
        uint8 valueDecimals,
        string calldata tag1,
        string calldata tag2,
        string calldata endpoint,
        string calldata feedbackURI,
        bytes32 feedbackHash
    ) external {
        if (valueDecimals > MAX_DECIMALS) revert ReputationRegistryInvalidValueDecimals(valueDecimals);
        if (value > MAX_ABS_VALUE || value < -MAX_ABS_VALUE) revert ReputationRegistryValueOutOfRange(value);
        _requireNotSelf(agentId);

        uint64 index = ++_lastIndex[agentId][msg.sender];
        if (index == 1) _clients[agentId].push(msg.sender);
        _feedback[agentId][msg.sender][index] =
            Feedback({ value: value, valueDecimals: valueDecimals, isRevoked: false, tag1: tag1, tag2: tag2 });
        _emitNewFeedback(agentId, index, value, valueDecimals, tag1, tag2, endpoint, feedbackURI, feedbackHash);
    }

    /// @inheritdoc IReputationRegistry
    function revokeFeedback(uint256 agentId, uint64 feedbackIndex) external {
        _requireIndex(agentId, msg.sender, feedbackIndex);
        Feedback storage feedback = _feedback[agentId][msg.sender][feedbackIndex];
        if (feedback.isRevoked) revert ReputationRegistryAlreadyRevoked(agentId, msg.sender, feedbackIndex);
        feedback.isRevoked = true;
        emit FeedbackRevoked(agentId, msg.sender, feedbackIndex);
    }

    /// @inheritdoc IReputationRegistry
    function appendResponse(
        uint256 agentId,
        address clientAddress,
        uint64 feedbackIndex,
        string calldata responseURI,
        bytes32 responseHash
    ) external {
        _requireIndex(agentId, clientAddress, feedbackIndex);
        if (bytes(responseURI).length == 0) revert ReputationRegistryEmptyResponseURI();
        mapping(address responder => uint64) storage counts = _responseCount[agentId][clientAddress][feedbackIndex];
        if (counts[msg.sender]++ == 0) _responders[agentId][clientAddress][feedbackIndex].push(msg.sender);
        emit ResponseAppended(agentId, clientAddress, feedbackIndex, msg.sender, responseURI, responseHash);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IReputationRegistry
    function getLastIndex(uint256 agentId, address clientAddress) external view returns (uint64) {
        return _lastIndex[agentId][clientAddress];
    }

    /// @inheritdoc IReputationRegistry
    function readFeedback(uint256 agentId, address clientAddress, uint64 feedbackIndex)
        external
        view
        returns (int128 value, uint8 valueDecimals, string memory tag1, string memory tag2, bool isRevoked)
    {
        _requireIndex(agentId, clientAddress, feedbackIndex);
        Feedback storage feedback = _feedback[agentId][clientAddress][feedbackIndex];
        return (feedback.value, feedback.valueDecimals, feedback.tag1, feedback.tag2, feedback.isRevoked);
    }

    /// @inheritdoc IReputationRegistry
    function getSummary(
        uint256 agentId,
        address[] calldata clientAddresses,
        string calldata tag1,
        string calldata tag2
    ) external view returns (uint64 count, int128 summaryValue, uint8 summaryValueDecimals) {
        if (clientAddresses.length == 0) revert ReputationRegistryNoClients(agentId);
        int256 sumWad;
        uint64[MAX_DECIMALS + 1] memory decimalsSeen;
        (count, sumWad, decimalsSeen) = _tally(agentId, clientAddresses, _filter(tag1, tag2, false));
        if (count == 0) return (0, 0, 0);

        uint64 mostSeen;
        for (uint8 d; d <= MAX_DECIMALS; ++d) {
            if (decimalsSeen[d] > mostSeen) {
                mostSeen = decimalsSeen[d];
                summaryValueDecimals = d;
            }
        }
        int256 averageWad = sumWad / int256(uint256(count));
        summaryValue = SafeCast.toInt128(averageWad / int256(10 ** (MAX_DECIMALS - summaryValueDecimals)));
    }

    /// @inheritdoc IReputationRegistry
    function readAllFeedback(
        uint256 agentId,
        address[] memory clientAddresses,
        string memory tag1,
        string memory tag2,
        bool includeRevoked
    )
        external
        view
        returns (
            address[] memory clients,
            uint64[] memory feedbackIndexes,
            int128[] memory values,
            uint8[] memory valueDecimals,
            string[] memory tag1s,
            string[] memory tag2s,
            bool[] memory revokedStatuses
        )
    {
        FeedbackList memory list = _collectFor(agentId, clientAddresses, tag1, tag2, includeRevoked);
        return (
            list.clients, list.feedbackIndexes, list.values, list.valueDecimals, list.tag1s, list.tag2s, list.revoked
        );
    }

    /// @inheritdoc IReputationRegistry
    function getResponseCount(
        uint256 agentId,
        address clientAddress,
        uint64 feedbackIndex,
        address[] calldata responders
    ) external view returns (uint64 count) {
        if (clientAddress != address(0) && feedbackIndex != 0) {
            return _countResponses(agentId, clientAddress, feedbackIndex, responders);
        }
        address[] memory clientList;
        if (clientAddress == address(0)) {
            clientList = _clients[agentId];
        } else {
            clientList = new address[](1);
            clientList[0] = clientAddress;
        }
        for (uint256 i; i < clientList.length; ++i) {
            uint64 last = _lastIndex[agentId][clientList[i]];
            for (uint64 j = 1; j <= last; ++j) {
                count += _countResponses(agentId, clientList[i], j, responders);
            }
        }
    }

    /// @inheritdoc IReputationRegistry
    function getClients(uint256 agentId) external view returns (address[] memory) {
        return _clients[agentId];
    }

    /// @inheritdoc IReputationRegistry
    function getIdentityRegistry() external view returns (address) {
        return address(_identityRegistry);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Internal
    // -------------------------------------------------------------------------------------------------------------

    /// @dev A function of its own, with the strings in memory: the event's eleven fields (four strings) do not fit the
    /// stack of `giveFeedback` with its calldata strings (two slots each) without via-IR.
    function _emitNewFeedback(
        uint256 agentId,
        uint64 index,
        int128 value,
        uint8 valueDecimals,
        string memory tag1,
        string memory tag2,
        string memory endpoint,
        string memory feedbackURI,
        bytes32 feedbackHash
    ) private {
        emit NewFeedback(
            agentId, msg.sender, index, value, valueDecimals, tag1, tag1, tag2, endpoint, feedbackURI, feedbackHash
        );
    }

    /// @dev The matching feedback of `clients` for agent `agentId`: how many, their sum at 18 decimals, and how many
    /// had each number of decimals.
    function _tally(uint256 agentId, address[] calldata clients, Filter memory filter)
        private
        view
        returns (uint64 count, int256 sumWad, uint64[MAX_DECIMALS + 1] memory decimalsSeen)
    {
        for (uint256 i; i < clients.length; ++i) {
            address client = clients[i];
            uint64 last = _lastIndex[agentId][client];
            for (uint64 j = 1; j <= last; ++j) {
                Feedback storage feedback = _feedback[agentId][client][j];
                if (!_matches(feedback, filter)) continue;
                // |value| <= 1e38, so each term is below 1e56 and a sum of 2^64 of them fits an int256.
                sumWad += int256(feedback.value) * int256(10 ** (MAX_DECIMALS - feedback.valueDecimals));
                ++decimalsSeen[feedback.valueDecimals];
                ++count;
            }
        }
    }

    /// @dev `readAllFeedback`'s work, out of its stack: empty `clientAddresses` means every client.
    function _collectFor(
        uint256 agentId,
        address[] memory clientAddresses,
        string memory tag1,
        string memory tag2,
        bool includeRevoked
    ) private view returns (FeedbackList memory) {
        address[] memory clients = clientAddresses.length > 0 ? clientAddresses : _clients[agentId];
        return _collect(agentId, clients, _filter(tag1, tag2, includeRevoked));
    }

    /// @dev The matching feedback of `clients` for agent `agentId`, in client then index order: counted first, then
    /// copied into arrays of that length.
    function _collect(uint256 agentId, address[] memory clients, Filter memory filter)
        private
        view
        returns (FeedbackList memory list)
    {
        uint256 total;
        for (uint256 i; i < clients.length; ++i) {
            uint64 last = _lastIndex[agentId][clients[i]];
            for (uint64 j = 1; j <= last; ++j) {
                if (_matches(_feedback[agentId][clients[i]][j], filter)) ++total;
            }
        }
        list.clients = new address[](total);
        list.feedbackIndexes = new uint64[](total);
        list.values = new int128[](total);
        list.valueDecimals = new uint8[](total);
        list.tag1s = new string[](total);
        list.tag2s = new string[](total);
        list.revoked = new bool[](total);
        uint256 n;
        for (uint256 i; i < clients.length; ++i) {
            uint64 last = _lastIndex[agentId][clients[i]];
            for (uint64 j = 1; j <= last; ++j) {
                Feedback storage feedback = _feedback[agentId][clients[i]][j];
                if (!_matches(feedback, filter)) continue;
                list.clients[n] = clients[i];
                list.feedbackIndexes[n] = j;
                list.values[n] = feedback.value;
                list.valueDecimals[n] = feedback.valueDecimals;
                list.tag1s[n] = feedback.tag1;
                list.tag2s[n] = feedback.tag2;
                list.revoked[n] = feedback.isRevoked;
                ++n;
            }
        }
    }

    /// @dev Reverts unless agent `agentId` exists and the caller is neither its owner, nor approved to act for it, nor
    /// its verified wallet (the account the escrow pays for its jobs).
    function _requireNotSelf(uint256 agentId) private view {
        IERC721 agents = IERC721(address(_identityRegistry));
        address owner;
        try agents.ownerOf(agentId) returns (address agentOwner) {
            owner = agentOwner;
        } catch {
            revert ReputationRegistryUnknownAgent(agentId);
        }
        bool authorized = msg.sender == owner || agents.getApproved(agentId) == msg.sender
            || agents.isApprovedForAll(owner, msg.sender) || _identityRegistry.getAgentWallet(agentId) == msg.sender;
        if (authorized) {
            revert ReputationRegistrySelfFeedback(agentId, msg.sender);
        }
    }

    function _requireIndex(uint256 agentId, address client, uint64 feedbackIndex) private view {
        uint64 last = _lastIndex[agentId][client];
        if (feedbackIndex == 0 || feedbackIndex > last) {
            revert ReputationRegistryInvalidIndex(agentId, client, feedbackIndex, last);
        }
    }

    function _filter(string memory tag1, string memory tag2, bool includeRevoked)
        private
        pure
        returns (Filter memory)
    {
        return Filter({
            tag1Hash: bytes(tag1).length == 0 ? bytes32(0) : keccak256(bytes(tag1)),
            tag2Hash: bytes(tag2).length == 0 ? bytes32(0) : keccak256(bytes(tag2)),
            includeRevoked: includeRevoked
        });
    }

    function _matches(Feedback storage feedback, Filter memory filter) private view returns (bool) {
        if (feedback.isRevoked && !filter.includeRevoked) return false;
        if (filter.tag1Hash != 0 && keccak256(bytes(feedback.tag1)) != filter.tag1Hash) return false;
        if (filter.tag2Hash != 0 && keccak256(bytes(feedback.tag2)) != filter.tag2Hash) return false;
        return true;
    }

    function _countResponses(uint256 agentId, address client, uint64 feedbackIndex, address[] calldata responders)
        private
        view
        returns (uint64 count)
    {
        mapping(address responder => uint64) storage counts = _responseCount[agentId][client][feedbackIndex];
        address[] memory who = responders;
        if (who.length == 0) who = _responders[agentId][client][feedbackIndex];
        for (uint256 k; k < who.length; ++k) {
            count += counts[who[k]];
        }
    }
}
