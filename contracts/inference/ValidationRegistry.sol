// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { IERC721 } from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import { IAgentRegistry } from "../interfaces/IAgentRegistry.sol";
import { IValidationRegistry } from "../interfaces/IValidationRegistry.sol";

/// @title ValidationRegistry
/// @notice ERC-8004 Validation Registry bound to the AgentRegistry, with a trusted forwarder for the attestor.
/// @dev A request is one packed slot (validator, response, flags, last update, agent id); the response hash and tag
/// take a slot each only when set. The attestor files and answers one request per fulfilled job, so this layout is
/// what keeps a fulfilment's gas down.
contract ValidationRegistry is IValidationRegistry {
    // -------------------------------------------------------------------------------------------------------------
    // Constants
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IValidationRegistry
    uint8 public constant MAX_RESPONSE = 100;

    uint8 private constant ANSWERED = 1;
    uint8 private constant HAS_RESPONSE_HASH = 2;
    uint8 private constant HAS_TAG = 4;

    // -------------------------------------------------------------------------------------------------------------
    // Storage
    // -------------------------------------------------------------------------------------------------------------

    IAgentRegistry private immutable _identityRegistry;

    /// @inheritdoc IValidationRegistry
    address public immutable trustedForwarder;

    /// @dev A request's fixed part, kept in one word (see `_pack`): solc writes a storage struct member by member,
    /// which would cost a read and a write per member.
    struct Request {
        address validator;
        uint8 response;
        uint8 flags;
        uint40 lastUpdate;
        uint40 agentId;
    }

    mapping(bytes32 requestHash => uint256 packedRequest) private _requests;
    mapping(bytes32 requestHash => bytes32 responseHash) private _responseHashes;
    mapping(bytes32 requestHash => string tag) private _tags;
    mapping(uint256 agentId => bytes32[] requestHashes) private _agentValidations;
    mapping(address validator => bytes32[] requestHashes) private _validatorRequests;

    // -------------------------------------------------------------------------------------------------------------
    // Constructor
    // -------------------------------------------------------------------------------------------------------------

    /// @param identityRegistry The AgentRegistry (ERC-8004 Identity Registry) agent ids refer to.
    /// @param forwarder The InferenceAttestor allowed to file requests on behalf of workers (address(0): none).
    constructor(IAgentRegistry identityRegistry, address forwarder) {
        _identityRegistry = identityRegistry;
        trustedForwarder = forwarder;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Requests and responses
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IValidationRegistry
    function validationRequest(
        address validatorAddress,
        uint256 agentId,
        string calldata requestURI,
        bytes32 requestHash
    ) external {
        _checkAuthorized(agentId, msg.sender);
        if (_requests[requestHash] != 0) revert ValidationRegistryRequestExists(requestHash);
        _file(validatorAddress, agentId, requestURI, requestHash);
    }

    /// @inheritdoc IValidationRegistry
    function validationRequestFor(
        address requester,
        address validatorAddress,
        uint256 agentId,
        string calldata requestURI,
        bytes32 requestHash
    ) external returns (bytes32 filedHash) {
        if (msg.sender != trustedForwarder) revert ValidationRegistryNotForwarder(msg.sender, trustedForwarder);
        _checkAuthorized(agentId, requester);
        filedHash = requestHash;
        // Each step costs whoever squats it a whole request; the honest path reads one slot.
        while (_requests[filedHash] != 0) {
            filedHash = keccak256(abi.encode(filedHash));
        }
        _file(validatorAddress, agentId, requestURI, filedHash);
    }

    /// @inheritdoc IValidationRegistry
    function validationResponse(
        bytes32 requestHash,
        uint8 response,
        string calldata responseURI,
        bytes32 responseHash,
        string calldata tag
    ) external {
        Request memory request = _request(requestHash);
        if (msg.sender != request.validator) {
            revert ValidationRegistryNotValidator(requestHash, msg.sender, request.validator);
        }
        if (response > MAX_RESPONSE) revert ValidationRegistryInvalidResponse(response);

        uint8 flags = request.flags | ANSWERED;
        // The optional fields cost a slot each only when set, or when a set value must be cleared.
        if (responseHash != bytes32(0)) {
            _responseHashes[requestHash] = responseHash;
            flags |= HAS_RESPONSE_HASH;
        } else if (flags & HAS_RESPONSE_HASH != 0) {
            delete _responseHashes[requestHash];
            flags &= ~HAS_RESPONSE_HASH;
        }
        if (bytes(tag).length != 0) {
            _tags[requestHash] = tag;
            flags |= HAS_TAG;
        } else if (flags & HAS_TAG != 0) {
            delete _tags[requestHash];
            flags &= ~HAS_TAG;
        }
        _requests[requestHash] = _pack(
            Request({
                validator: request.validator,
                response: response,
                flags: flags,
                lastUpdate: uint40(block.timestamp),
                agentId: request.agentId
            })
        );
        emit ValidationResponse(
            request.validator, request.agentId, requestHash, response, responseURI, responseHash, tag
        );
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IValidationRegistry
    function getIdentityRegistry() external view returns (address) {
        return address(_identityRegistry);
    }

    /// @inheritdoc IValidationRegistry
    function getValidationStatus(bytes32 requestHash)
        external
        view
        returns (
            address validatorAddress,
            uint256 agentId,
            uint8 response,
            bytes32 responseHash,
            string memory tag,
            uint256 lastUpdate
        )
    {
        Request memory request = _request(requestHash);
        return (
            request.validator,
            request.agentId,
            request.response,
            _responseHashes[requestHash],
            _tags[requestHash],
            request.lastUpdate
        );
    }

    /// @inheritdoc IValidationRegistry
    function requestExists(bytes32 requestHash) external view returns (bool) {
        return _requests[requestHash] != 0;
    }

    /// @inheritdoc IValidationRegistry
    function getSummary(uint256 agentId, address[] calldata validatorAddresses, string calldata tag)
        external
        view
        returns (uint64 count, uint8 avgResponse)
    {
        bytes32[] storage requestHashes = _agentValidations[agentId];
        bool anyTag = bytes(tag).length == 0;
        bytes32 tagHash = keccak256(bytes(tag));
        uint256 total;
        for (uint256 i; i < requestHashes.length; ++i) {
            Request memory request = _unpack(_requests[requestHashes[i]]);
            if (request.flags & ANSWERED == 0) continue;
            if (!_listed(request.validator, validatorAddresses)) continue;
            if (!anyTag && keccak256(bytes(_tags[requestHashes[i]])) != tagHash) continue;
            total += request.response;
            ++count;
        }
        // total / count <= MAX_RESPONSE, so the cast cannot truncate.
        avgResponse = count == 0 ? 0 : uint8(total / count);
    }

    /// @inheritdoc IValidationRegistry
    function getAgentValidations(uint256 agentId) external view returns (bytes32[] memory) {
        return _agentValidations[agentId];
    }

    /// @inheritdoc IValidationRegistry
    function getValidatorRequests(address validatorAddress) external view returns (bytes32[] memory) {
        return _validatorRequests[validatorAddress];
    }

    // -------------------------------------------------------------------------------------------------------------
    // Internal
    // -------------------------------------------------------------------------------------------------------------

    function _file(address validatorAddress, uint256 agentId, string calldata requestURI, bytes32 requestHash)
        private
    {
        if (validatorAddress == address(0)) revert ValidationRegistryZeroValidator();
        if (agentId > type(uint40).max) revert ValidationRegistryAgentIdTooLarge(agentId);
        _requests[requestHash] = _pack(
            Request({
                validator: validatorAddress,
                response: 0,
                flags: 0,
                lastUpdate: uint40(block.timestamp),
                agentId: uint40(agentId)
            })
        );
        _agentValidations[agentId].push(requestHash);
        _validatorRequests[validatorAddress].push(requestHash);
        emit ValidationRequest(validatorAddress, agentId, requestURI, requestHash);
    }

    /// @dev Reverts unless `account` is the agent wallet, the owner, or an approved operator of `agentId`; reverts
    /// with the AgentRegistry's ERC721NonexistentToken for an unknown agent. The wallet is checked first: it is who
    /// acts for the agent in the forwarded path.
    function _checkAuthorized(uint256 agentId, address account) private view {
        if (_identityRegistry.getAgentWallet(agentId) == account) return;
        IERC721 agents = IERC721(address(_identityRegistry));
        address owner = agents.ownerOf(agentId);
        if (account == owner || agents.isApprovedForAll(owner, account) || agents.getApproved(agentId) == account) {
            return;
        }
        revert ValidationRegistryNotAuthorized(agentId, account);
    }

    function _request(bytes32 requestHash) private view returns (Request memory) {
        uint256 packed = _requests[requestHash];
        if (packed == 0) revert ValidationRegistryUnknownRequest(requestHash);
        return _unpack(packed);
    }

    /// @dev validator | response << 160 | flags << 168 | lastUpdate << 176 | agentId << 216. Never 0: the validator
    /// is not the zero address.
    function _pack(Request memory request) private pure returns (uint256) {
        return uint256(uint160(request.validator)) | uint256(request.response) << 160 | uint256(request.flags) << 168
            | uint256(request.lastUpdate) << 176 | uint256(request.agentId) << 216;
    }

    function _unpack(uint256 packed) private pure returns (Request memory) {
        return Request({
            validator: address(uint160(packed)),
            response: uint8(packed >> 160),
            flags: uint8(packed >> 168),
            lastUpdate: uint40(packed >> 176),
            agentId: uint40(packed >> 216)
        });
    }

    function _listed(address validator, address[] calldata validatorAddresses) private pure returns (bool) {
        if (validatorAddresses.length == 0) return true;
        for (uint256 i; i < validatorAddresses.length; ++i) {
            if (validatorAddresses[i] == validator) return true;
        }
        return false;
    }
}
