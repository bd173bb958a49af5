// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { Account } from "@openzeppelin/contracts/account/Account.sol";
import { ERC7821 } from "@openzeppelin/contracts/account/extensions/draft-ERC7821.sol";
import { ERC7579Utils, Execution } from "@openzeppelin/contracts/account/utils/draft-ERC7579Utils.sol";
import { IERC1271 } from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { ERC1155Holder } from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import { ERC721Holder } from "@openzeppelin/contracts/token/ERC721/utils/ERC721Holder.sol";
import { SignerEIP7702 } from "@openzeppelin/contracts/utils/cryptography/signers/SignerEIP7702.sol";
import { Address } from "@openzeppelin/contracts/utils/Address.sol";
import { ReentrancyGuardTransient } from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import { IAgentAccount } from "../interfaces/IAgentAccount.sol";
import { IPool } from "../interfaces/IPool.sol";

/// @title AgentAccount
/// @notice EIP-7702 delegation target: the owner's EOA keeps every power, session keys act within their policy.
/// @dev One deployed implementation serves every owner; all state lives at the owner's address, in the ERC-7201
/// namespace below. OpenZeppelin's Account, SignerEIP7702, ERC7821 and the token holders have no storage of their
/// own; the re-entrancy guard is transient.
contract AgentAccount is
    IAgentAccount,
    Account,
    SignerEIP7702,
    ERC7821,
    ERC721Holder,
    ERC1155Holder,
    IERC1271,
    ReentrancyGuardTransient
{
    using ERC7579Utils for bytes;

    // -------------------------------------------------------------------------------------------------------------
    // Storage
    // -------------------------------------------------------------------------------------------------------------

    /// @dev A spend in a session's rolling window: when, and how much.
    struct Spend {
        uint64 time;
        uint192 amount;
    }

    /// @dev Spends of one token within the last 24 hours, oldest first, as a queue [head, tail) with their total.
    struct SpendWindow {
        uint64 head;
        uint64 tail;
        uint256 total;
        mapping(uint64 index => Spend) entries;
    }

    /// @dev One grant's policy, with its lookups. Keyed by grant id, so a new grant starts from a clean slate.
    struct StoredPolicy {
        uint64 expiresAt;
        TokenLimit[] limits;
        address[] recipients;
        CallPermission[] calls;
        mapping(address token => uint256 indexPlusOne) limitIndex;
        mapping(address recipient => bool) recipientAllowed;
        mapping(address target => uint256 selectors) targetSelectors;
        mapping(address target => mapping(bytes4 selector => bool)) callAllowed;
        mapping(address token => SpendWindow) windows;
    }

    /// @dev The session key's current grant (id 0: never granted).
    struct Grant {
        uint64 id;
        uint64 expiresAt;
        bool revoked;
    }

    /// @custom:storage-location erc7201:convergence.storage.AgentAccount
    struct AgentAccountStorage {
        uint64 lastGrantId;
        mapping(address session => Grant) grants;
        mapping(uint64 grantId => StoredPolicy) policies;
    }

    /// @dev keccak256(abi.encode(uint256(keccak256("convergence.storage.AgentAccount")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0x69ac2eea4521417e80e86b27af8fa5a17b8403b8f52ee87fc7b11ddec3d31700;

    /// @dev Spends closer together than this share one window entry, dated at the later one: the window then holds
    /// the earlier spend up to this much longer than 24 hours (never shorter), and holds at most ~25 entries.
    uint256 private constant MERGE_WINDOW = 1 hours;

    uint256 private constant DAY = 1 days;

    /// @dev ETH in a TokenLimit.
    address private constant ETH = address(0);

    bytes4 private constant TRANSFER = IERC20.transfer.selector;
    bytes4 private constant APPROVE = IERC20.approve.selector;
    bytes4 private constant TRANSFER_FROM = IERC20.transferFrom.selector;
    bytes4 private constant SWAP_EXACT_IN = IPool.swapExactIn.selector;

    function _storage() private pure returns (AgentAccountStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Owner
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentAccount
    function grantSession(address session, SessionPolicy calldata policy) external onlyEntryPointOrSelf {
        if (session == address(0) || session == address(this)) revert AgentAccountInvalidSession(session);
        if (policy.expiresAt <= block.timestamp) revert AgentAccountInvalidPolicy("expiresAt is not in the future");
        AgentAccountStorage storage $ = _storage();
        uint64 id = ++$.lastGrantId;
        StoredPolicy storage p = $.policies[id];
        p.expiresAt = policy.expiresAt;
        for (uint256 i = 0; i < policy.limits.length; ++i) {
            TokenLimit calldata limit = policy.limits[i];
            if (p.limitIndex[limit.token] != 0) revert AgentAccountInvalidPolicy("a token has two limits");
            if (limit.perDay > type(uint192).max) revert AgentAccountInvalidPolicy("a daily cap is over 2^192 - 1");
            p.limits.push(limit);
            p.limitIndex[limit.token] = i + 1;
        }
        for (uint256 i = 0; i < policy.recipients.length; ++i) {
            p.recipients.push(policy.recipients[i]);
            p.recipientAllowed[policy.recipients[i]] = true;
        }
        for (uint256 i = 0; i < policy.calls.length; ++i) {
            CallPermission calldata call = policy.calls[i];
            // ERC-7579 execution reads target address(0) as the account itself.
            if (call.target == address(this) || call.target == address(0)) {
                revert AgentAccountInvalidPolicy("the account itself cannot be a target");
            }
            p.calls.push(call);
            if (!p.callAllowed[call.target][call.selector]) {
                p.callAllowed[call.target][call.selector] = true;
                ++p.targetSelectors[call.target];
            }
        }
        $.grants[session] = Grant({ id: id, expiresAt: policy.expiresAt, revoked: false });
        emit SessionGranted(session, id, policy.expiresAt);
    }

    /// @inheritdoc IAgentAccount
    function revokeSession(address session) external onlyEntryPointOrSelf {
        Grant storage grant = _storage().grants[session];
        if (grant.id == 0) revert AgentAccountUnknownSession(session);
        grant.revoked = true;
        emit SessionRevoked(session, grant.id);
    }

    /// @notice The owner's key (the EOA's own) is the only signer; session keys sign nothing for the account.
    /// @dev The digest is used as given, like the EOA's own ECDSA signature: typed data (permits, EIP-3009) carries
    /// its chain id and verifying contract in its domain, so a signature does not replay across chains.
    function isValidSignature(bytes32 hash, bytes calldata signature) public view returns (bytes4) {
        return _rawSignatureValidation(hash, signature) ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Execution
    // -------------------------------------------------------------------------------------------------------------

    /// @notice The owner (or the ERC-4337 entry point, on the owner's signature) executes without limits; any other
    /// caller must be an active session key, and its batch is checked against the session's policy.
    function execute(bytes32 mode, bytes calldata executionData) public payable override {
        if (_erc7821AuthorizedExecutor(msg.sender, mode, executionData)) {
            super.execute(mode, executionData);
            return;
        }
        _executeAsSession(mode, executionData);
    }

    function _erc7821AuthorizedExecutor(address caller, bytes32 mode, bytes calldata executionData)
        internal
        view
        override
        returns (bool)
    {
        return caller == address(entryPoint()) || super._erc7821AuthorizedExecutor(caller, mode, executionData);
    }

    /// @dev Non-reentrant: a token or pool that called back into `execute` (through a session key that is itself
    /// delegated code, say) would otherwise nest a second batch inside the measured one.
    function _executeAsSession(bytes32 mode, bytes calldata executionData) private nonReentrant {
        (uint64 id, StoredPolicy storage p) = _activeSession(msg.sender);
        if (!supportsExecutionMode(mode)) revert AgentAccountUnsupportedMode(mode);
        Execution[] calldata calls = executionData.decodeBatch();

        address[] memory approvedTokens = new address[](calls.length);
        address[] memory approvedSpenders = new address[](calls.length);
        uint256 approvals = 0;
        for (uint256 i = 0; i < calls.length; ++i) {
            address spender = _checkCall(p, calls[i]);
            if (spender != address(0)) {
                approvedTokens[approvals] = calls[i].target;
                approvedSpenders[approvals] = spender;
                ++approvals;
            }
        }

        // What leaves the account is measured after every call, and only falls count: money that comes back in the
        // same batch (a refund, a swap's output, an unwrap) cannot hide a spend. ETH is always measured (without a
        // limit its cap is 0), then each capped token.
        uint256 limits = p.limits.length;
        uint256[] memory last = new uint256[](limits + 1);
        uint256[] memory spent = new uint256[](limits + 1);
        for (uint256 i = 0; i < limits; ++i) last[i] = _balance(p.limits[i].token);
        last[limits] = address(this).balance;
        for (uint256 i = 0; i < calls.length; ++i) {
            (bool success, bytes memory returndata) = calls[i].target.call{ value: calls[i].value }(calls[i].callData);
            Address.verifyCallResult(success, returndata);
            _measure(p, last, spent);
        }

        for (uint256 i = 0; i < approvals; ++i) {
            uint256 remaining = IERC20(approvedTokens[i]).allowance(address(this), approvedSpenders[i]);
            if (remaining != 0) revert AgentAccountApprovalNotConsumed(approvedTokens[i], approvedSpenders[i], remaining);
        }
        bool ethCapped = false;
        for (uint256 i = 0; i < limits; ++i) {
            TokenLimit memory limit = p.limits[i];
            if (limit.token == ETH) ethCapped = true;
            if (spent[i] != 0) _recordSpend(p, limit, spent[i]);
        }
        if (!ethCapped && spent[limits] != 0) revert AgentAccountOverCallCap(ETH, spent[limits], 0);
        emit SessionExecuted(msg.sender, id, calls.length);
    }

    /// @dev Adds each capped token's fall since `last` (and ETH's, at index `limits`) to `spent`; rises are ignored.
    function _measure(StoredPolicy storage p, uint256[] memory last, uint256[] memory spent) private view {
        uint256 limits = p.limits.length;
        for (uint256 j = 0; j <= limits; ++j) {
            uint256 balance = j == limits ? address(this).balance : _balance(p.limits[j].token);
            if (balance < last[j]) spent[j] += last[j] - balance;
            last[j] = balance;
        }
    }

    /// @dev The caller's grant, if it is active.
    function _activeSession(address session) private view returns (uint64 id, StoredPolicy storage p) {
        AgentAccountStorage storage $ = _storage();
        Grant memory grant = $.grants[session];
        if (grant.id == 0) revert AgentAccountUnknownSession(session);
        if (grant.revoked) revert AgentAccountSessionRevoked(session);
        if (block.timestamp > grant.expiresAt) {
            revert AgentAccountSessionExpired(session, grant.expiresAt, block.timestamp);
        }
        return (grant.id, $.policies[grant.id]);
    }

    /// @dev Checks one call against the policy; returns the spender when the call is an ERC-20 approve.
    function _checkCall(StoredPolicy storage p, Execution calldata call) private view returns (address spender) {
        address target = call.target;
        bytes calldata data = call.callData;
        if (target == address(this) || target == address(0)) revert AgentAccountTargetNotAllowed(target);
        if (call.value != 0 && !p.recipientAllowed[target]) revert AgentAccountUnknownRecipient(target);
        if (data.length == 0) {
            // A plain ETH transfer (or a no-op): only to an allowed recipient, measured by the ETH cap.
            if (!p.recipientAllowed[target]) revert AgentAccountUnknownRecipient(target);
            return address(0);
        }
        bytes4 selector = bytes4(data);
        if (p.targetSelectors[target] == 0) revert AgentAccountTargetNotAllowed(target);
        if (!p.callAllowed[target][selector]) revert AgentAccountFunctionNotAllowed(target, selector);

        if (selector == TRANSFER || selector == APPROVE || selector == TRANSFER_FROM) {
            if (p.limitIndex[target] == 0) revert AgentAccountTokenNotCapped(target);
            if (selector == TRANSFER) {
                _checkRecipient(p, _addressArgument(data, 0));
            } else if (selector == TRANSFER_FROM) {
                address to = _addressArgument(data, 1);
                if (to != address(this)) _checkRecipient(p, to);
            } else {
                spender = _addressArgument(data, 0);
                if (!p.recipientAllowed[spender] && p.targetSelectors[spender] == 0) {
                    revert AgentAccountUnknownRecipient(spender);
                }
            }
        } else if (selector == SWAP_EXACT_IN) {
            address recipient = _addressArgument(data, 3);
            if (recipient != address(this)) revert AgentAccountUnknownRecipient(recipient);
        }
    }

    function _checkRecipient(StoredPolicy storage p, address recipient) private view {
        if (!p.recipientAllowed[recipient]) revert AgentAccountUnknownRecipient(recipient);
    }

    /// @dev The `index`th static argument of `data` as an address (abi.decode reverts on dirty upper bits).
    function _addressArgument(bytes calldata data, uint256 index) private pure returns (address) {
        return abi.decode(data[4 + 32 * index:], (address));
    }

    function _balance(address token) private view returns (uint256) {
        return token == ETH ? address(this).balance : IERC20(token).balanceOf(address(this));
    }

    /// @dev Checks `amount` against the per-call cap and the rolling 24-hour cap, then records it.
    function _recordSpend(StoredPolicy storage p, TokenLimit memory limit, uint256 amount) private {
        if (amount > limit.perCall) revert AgentAccountOverCallCap(limit.token, amount, limit.perCall);
        SpendWindow storage w = p.windows[limit.token];
        uint64 head = w.head;
        uint64 tail = w.tail;
        uint256 total = w.total;
        while (head < tail) {
            Spend memory oldest = w.entries[head];
            if (oldest.time + DAY > block.timestamp) break;
            total -= oldest.amount;
            delete w.entries[head];
            ++head;
        }
        total += amount;
        if (total > limit.perDay) revert AgentAccountOverDailyCap(limit.token, total, limit.perDay);
        // Cannot overflow: total <= perDay <= 2^192 - 1 (checked at grant), and every entry is part of total.
        if (head < tail && w.entries[tail - 1].time + MERGE_WINDOW > block.timestamp) {
            Spend storage last = w.entries[tail - 1];
            last.amount += uint192(amount);
            last.time = uint64(block.timestamp);
        } else {
            w.entries[tail] = Spend({ time: uint64(block.timestamp), amount: uint192(amount) });
            ++tail;
        }
        w.head = head;
        w.tail = tail;
        w.total = total;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Views
    // -------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentAccount
    function getSession(address session) external view returns (SessionView memory view_) {
        AgentAccountStorage storage $ = _storage();
        Grant memory grant = $.grants[session];
        if (grant.id == 0) return view_;
        StoredPolicy storage p = $.policies[grant.id];
        view_.id = grant.id;
        view_.revoked = grant.revoked;
        view_.active = !grant.revoked && block.timestamp <= grant.expiresAt;
        view_.policy.expiresAt = p.expiresAt;
        view_.policy.limits = p.limits;
        view_.policy.recipients = p.recipients;
        view_.policy.calls = p.calls;
    }

    /// @inheritdoc IAgentAccount
    function spentToday(address session, address token) external view returns (uint256 spent) {
        AgentAccountStorage storage $ = _storage();
        Grant memory grant = $.grants[session];
        if (grant.id == 0) return 0;
        SpendWindow storage w = $.policies[grant.id].windows[token];
        for (uint64 i = w.head; i < w.tail; ++i) {
            Spend memory entry = w.entries[i];
            if (entry.time + DAY > block.timestamp) spent += entry.amount;
        }
    }
}
