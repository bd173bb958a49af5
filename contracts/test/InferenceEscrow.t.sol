// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { IERC20Errors, IERC721Errors } from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { ReentrancyGuard } from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

import { InferenceAttestor } from "../inference/InferenceAttestor.sol";
import { InferenceEscrow } from "../inference/InferenceEscrow.sol";
import { ValidationRegistry } from "../inference/ValidationRegistry.sol";
import { IInferenceAttestor } from "../interfaces/IInferenceAttestor.sol";
import { IInferenceEscrow } from "../interfaces/IInferenceEscrow.sol";
import { MarketStackMock } from "./MarketStackMock.sol";
import { MockToken } from "./utils/Mocks.sol";

contract InferenceEscrowTest is MarketStackMock {
    // -------------------------------------------------------------------------------------------------------------
    // Helpers
    // -------------------------------------------------------------------------------------------------------------

    function _permit(uint256 value, uint256 deadline) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                requester,
                address(escrow),
                value,
                usdc.nonces(requester),
                deadline
            )
        );
        return vm.sign(requesterKey, keccak256(abi.encodePacked("\x19\x01", usdc.DOMAIN_SEPARATOR(), structHash)));
    }

    function _expectStatus(uint256 jobId, IInferenceEscrow.JobStatus status) internal view {
        assertEq(uint256(escrow.getJob(jobId).status), uint256(status), "status");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Wiring
    // -------------------------------------------------------------------------------------------------------------

    function test_constructor_revertsForAnAttestorOfAnotherEscrow() public {
        vm.expectRevert(
            abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowAttestorMismatch.selector, address(attestor))
        );
        new InferenceEscrow(IERC20(address(usdc)), agents, models, attestor);
    }

    function test_views_nameTheWiring() public view {
        assertEq(escrow.token(), address(usdc), "token");
        assertEq(escrow.agentRegistry(), address(agents), "agents");
        assertEq(escrow.modelRegistry(), address(models), "models");
        assertEq(escrow.attestor(), address(attestor), "attestor");
    }

    // -------------------------------------------------------------------------------------------------------------
    // openJob
    // -------------------------------------------------------------------------------------------------------------

    function test_openJob_locksThePaymentAndRecordsTheJob() public {
        uint256 deadline = block.timestamp + TTL;
        vm.expectEmit(address(escrow));
        emit IInferenceEscrow.JobOpened(
            1, requester, modelId, INPUT_COMMITMENT, AMOUNT, deadline, worker2AgentId, deadline
        );
        vm.prank(requester);
        uint256 jobId = escrow.openJob(modelId, INPUT_COMMITMENT, AMOUNT, deadline, worker2AgentId, deadline);
        assertEq(jobId, 1, "ids start at 1");
        assertEq(escrow.jobCount(), 1, "jobCount");
        assertEq(usdc.balanceOf(address(escrow)), AMOUNT, "escrow holds the payment");
        IInferenceEscrow.Job memory job = escrow.getJob(jobId);
        assertEq(job.requester, requester, "requester");
        assertEq(job.modelId, modelId, "modelId");
        assertEq(job.inputCommitment, INPUT_COMMITMENT, "inputCommitment");
        assertEq(job.amount, AMOUNT, "amount");
        assertEq(job.deadline, deadline, "deadline");
        assertEq(job.workerAgentId, worker2AgentId, "named worker");
        assertEq(job.exclusiveUntil, deadline, "reserved for its whole life");
        assertEq(uint256(job.status), uint256(IInferenceEscrow.JobStatus.Open), "open");
        assertEq(_open(), 2, "next id");
    }

    function test_openJob_revertsForAnUnknownOrRetiredModel() public {
        vm.startPrank(requester);
        vm.expectRevert(abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowModelNotActive.selector, 99));
        escrow.openJob(99, INPUT_COMMITMENT, AMOUNT, block.timestamp + TTL, 0, 0);
        vm.stopPrank();
        vm.prank(modelOwner);
        models.retireModel(modelId);
        vm.expectRevert(abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowModelNotActive.selector, modelId));
        vm.prank(requester);
        escrow.openJob(modelId, INPUT_COMMITMENT, AMOUNT, block.timestamp + TTL, 0, 0);
    }

    function test_openJob_revertsOnAnInputCommitmentOutsideTheField() public {
        vm.expectRevert(abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowInvalidInputCommitment.selector, R));
        vm.prank(requester);
        escrow.openJob(modelId, R, AMOUNT, block.timestamp + TTL, 0, 0);
    }

    function test_openJob_revertsOnAZeroOrHugeAmount() public {
        vm.startPrank(requester);
        vm.expectRevert(abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowInvalidAmount.selector, 0));
        escrow.openJob(modelId, INPUT_COMMITMENT, 0, block.timestamp + TTL, 0, 0);
        uint256 huge = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowInvalidAmount.selector, huge));
        escrow.openJob(modelId, INPUT_COMMITMENT, huge, block.timestamp + TTL, 0, 0);
        vm.stopPrank();
    }

    function test_openJob_revertsOnADeadlineNotInTheFuture() public {
        vm.startPrank(requester);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowInvalidDeadline.selector, block.timestamp, block.timestamp
            )
        );
        escrow.openJob(modelId, INPUT_COMMITMENT, AMOUNT, block.timestamp, 0, 0);
        uint256 far = uint256(type(uint40).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowInvalidDeadline.selector, far, block.timestamp)
        );
        escrow.openJob(modelId, INPUT_COMMITMENT, AMOUNT, far, 0, 0);
        vm.stopPrank();
    }

    function test_openJob_revertsOnAnImpossibleWorkerId() public {
        uint256 id = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowInvalidWorker.selector, id));
        vm.prank(requester);
        escrow.openJob(modelId, INPUT_COMMITMENT, AMOUNT, block.timestamp + TTL, id, block.timestamp + TTL);
    }

    function test_openJob_recordsAnExclusiveWindow() public {
        uint256 deadline = block.timestamp + TTL;
        uint256 exclusiveUntil = block.timestamp + 60;
        vm.expectEmit(address(escrow));
        emit IInferenceEscrow.JobOpened(
            1, requester, modelId, INPUT_COMMITMENT, AMOUNT, deadline, workerAgentId, exclusiveUntil
        );
        uint256 jobId = _openWindow(AMOUNT, workerAgentId, exclusiveUntil, deadline);
        IInferenceEscrow.Job memory job = escrow.getJob(jobId);
        assertEq(job.workerAgentId, workerAgentId, "reserved agent");
        assertEq(job.exclusiveUntil, exclusiveUntil, "window end");
        assertEq(job.deadline, deadline, "deadline");
        assertEq(_open(), 2, "an open-to-all job");
        assertEq(escrow.getJob(2).exclusiveUntil, 0, "no window without a worker");
    }

    function test_openJob_RevertWhen_invalidExclusiveWindow() public {
        uint256 deadline = block.timestamp + TTL;
        // A window without a worker to reserve the job for.
        _expectInvalidWindow(1, deadline);
        _openWindow(AMOUNT, 0, 1, deadline);
        // A worker without a window (0), a window ending now, a window beyond the deadline.
        _expectInvalidWindow(0, deadline);
        _openWindow(AMOUNT, workerAgentId, 0, deadline);
        _expectInvalidWindow(block.timestamp, deadline);
        _openWindow(AMOUNT, workerAgentId, block.timestamp, deadline);
        _expectInvalidWindow(deadline + 1, deadline);
        _openWindow(AMOUNT, workerAgentId, deadline + 1, deadline);
        // The same rules through the permit path.
        _expectInvalidWindow(deadline + 1, deadline);
        vm.prank(requester);
        escrow.openJobWithPermit(
            modelId, INPUT_COMMITMENT, AMOUNT, deadline, workerAgentId, deadline + 1, 0, 0, bytes32(0), bytes32(0)
        );
        assertEq(escrow.jobCount(), 0, "no job");
        assertEq(usdc.balanceOf(address(escrow)), 0, "nothing pulled");
        // The bounds themselves are fine: one second ahead, and the deadline.
        _openWindow(AMOUNT, workerAgentId, block.timestamp + 1, deadline);
        _openWindow(AMOUNT, workerAgentId, deadline, deadline);
        assertEq(escrow.jobCount(), 2, "both opened");
    }

    function _expectInvalidWindow(uint256 exclusiveUntil, uint256 deadline) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowInvalidExclusiveWindow.selector,
                exclusiveUntil,
                deadline,
                block.timestamp
            )
        );
    }

    function test_openJob_revertsWithoutAllowance() public {
        vm.prank(requester);
        usdc.approve(address(escrow), AMOUNT - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), AMOUNT - 1, AMOUNT
            )
        );
        vm.prank(requester);
        escrow.openJob(modelId, INPUT_COMMITMENT, AMOUNT, block.timestamp + TTL, 0, 0);
        assertEq(escrow.jobCount(), 0, "no job");
    }

    // -------------------------------------------------------------------------------------------------------------
    // openJobWithPermit
    // -------------------------------------------------------------------------------------------------------------

    function test_openJobWithPermit_needsNoPriorApproval() public {
        vm.prank(requester);
        usdc.approve(address(escrow), 0);
        uint256 permitDeadline = block.timestamp + 10 minutes;
        (uint8 v, bytes32 r, bytes32 s) = _permit(AMOUNT, permitDeadline);
        vm.prank(requester);
        uint256 jobId = escrow.openJobWithPermit(
            modelId, INPUT_COMMITMENT, AMOUNT, block.timestamp + TTL, 0, 0, permitDeadline, v, r, s
        );
        assertEq(usdc.balanceOf(address(escrow)), AMOUNT, "pulled");
        assertEq(usdc.allowance(requester, address(escrow)), 0, "permit used up");
        _expectStatus(jobId, IInferenceEscrow.JobStatus.Open);
    }

    function test_openJobWithPermit_toleratesAFrontRunPermit() public {
        vm.prank(requester);
        usdc.approve(address(escrow), 0);
        uint256 permitDeadline = block.timestamp + 10 minutes;
        (uint8 v, bytes32 r, bytes32 s) = _permit(AMOUNT, permitDeadline);
        // Someone copies the permit from the mempool and submits it first.
        vm.prank(stranger);
        usdc.permit(requester, address(escrow), AMOUNT, permitDeadline, v, r, s);
        vm.prank(requester);
        uint256 jobId = escrow.openJobWithPermit(
            modelId, INPUT_COMMITMENT, AMOUNT, block.timestamp + TTL, 0, 0, permitDeadline, v, r, s
        );
        _expectStatus(jobId, IInferenceEscrow.JobStatus.Open);
        assertEq(usdc.balanceOf(address(escrow)), AMOUNT, "pulled");
    }

    function test_openJobWithPermit_revertsOnABadPermitWithoutAllowance() public {
        vm.prank(requester);
        usdc.approve(address(escrow), 0);
        uint256 permitDeadline = block.timestamp + 10 minutes;
        (uint8 v, bytes32 r, bytes32 s) = _permit(AMOUNT - 1, permitDeadline); // signed for less
        vm.expectRevert(abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowPermitFailed.selector, 0, AMOUNT));
        vm.prank(requester);
        escrow.openJobWithPermit(
            modelId, INPUT_COMMITMENT, AMOUNT, block.timestamp + TTL, 0, 0, permitDeadline, v, r, s
        );
    }

    function test_openJobWithPermit_revertsOnAnExpiredPermit() public {
        vm.prank(requester);
        usdc.approve(address(escrow), 0);
        uint256 permitDeadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _permit(AMOUNT, permitDeadline);
        vm.expectRevert(abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowPermitFailed.selector, 0, AMOUNT));
        vm.prank(requester);
        escrow.openJobWithPermit(
            modelId, INPUT_COMMITMENT, AMOUNT, block.timestamp + TTL, 0, 0, permitDeadline, v, r, s
        );
    }

    // -------------------------------------------------------------------------------------------------------------
    // fulfill
    // -------------------------------------------------------------------------------------------------------------

    function test_fulfill_paysTheWorkerOnce() public {
        uint256 jobId = _open();
        vm.expectEmit(address(escrow));
        emit IInferenceEscrow.JobFulfilled(jobId, workerAgentId, worker, AMOUNT);
        _fulfill(jobId, worker, workerAgentId);
        assertEq(usdc.balanceOf(worker), AMOUNT, "worker paid");
        assertEq(usdc.balanceOf(address(escrow)), 0, "escrow empty");
        IInferenceEscrow.Job memory job = escrow.getJob(jobId);
        assertEq(uint256(job.status), uint256(IInferenceEscrow.JobStatus.Fulfilled), "fulfilled");
        assertEq(job.workerAgentId, workerAgentId, "records who fulfilled an open-to-all job");

        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowJobNotOpen.selector, jobId, IInferenceEscrow.JobStatus.Fulfilled
            )
        );
        _fulfill(jobId, worker, workerAgentId);
        vm.warp(block.timestamp + TTL + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowJobNotOpen.selector, jobId, IInferenceEscrow.JobStatus.Fulfilled
            )
        );
        escrow.refund(jobId);
        assertEq(usdc.balanceOf(worker), AMOUNT, "paid once");
    }

    function test_fulfill_revertsUnlessSentByTheAgentWallet() public {
        // An agent's wallet starts as its owner: only that address may fulfil for the agent, and it is paid.
        address owner = address(0x0E2);
        vm.prank(owner);
        uint256 agentId = agents.register();
        uint256 jobId = _open();
        vm.expectRevert(
            abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowNotAgentWallet.selector, agentId, worker, owner)
        );
        _fulfill(jobId, worker, agentId);
        _fulfill(jobId, owner, agentId);
        assertEq(usdc.balanceOf(owner), AMOUNT, "the wallet is paid");
    }

    function test_fulfill_atTheDeadlineStillWorks() public {
        uint256 jobId = _open();
        vm.warp(escrow.getJob(jobId).deadline);
        _fulfill(jobId, worker, workerAgentId);
        _expectStatus(jobId, IInferenceEscrow.JobStatus.Fulfilled);
    }

    function test_fulfill_revertsAfterTheDeadline() public {
        uint256 jobId = _open();
        uint256 deadline = escrow.getJob(jobId).deadline;
        vm.warp(deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowJobExpired.selector, jobId, deadline, deadline + 1)
        );
        _fulfill(jobId, worker, workerAgentId);
    }

    function test_fulfill_revertsForAnotherAgentThanTheNamedOne() public {
        uint256 jobId = _open(AMOUNT, worker2AgentId);
        // `_fulfill` builds a proof bound to the caller: valid in every other respect for `worker`.
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowWrongWorker.selector,
                jobId,
                worker2AgentId,
                workerAgentId,
                block.timestamp + TTL
            )
        );
        _fulfill(jobId, worker, workerAgentId);
        _expectStatus(jobId, IInferenceEscrow.JobStatus.Open);
        assertFalse(attestor.isAttested(jobId), "not attested");
        _fulfill(jobId, worker2, worker2AgentId);
        assertEq(usdc.balanceOf(worker2), AMOUNT, "the named worker is paid");
        assertEq(usdc.balanceOf(worker), 0, "the other is not");
    }

    function testFuzz_fulfill_aReservedJobRefusesEveryOtherAgent(uint256 otherKey) public {
        otherKey = bound(otherKey, 1, 2 ** 128);
        address other = vm.addr(otherKey);
        vm.assume(other != worker && other != worker2);
        vm.prank(other);
        uint256 otherAgentId = agents.register();
        uint256 jobId = _open(AMOUNT, workerAgentId);
        // A proof bound to the other agent's wallet (the right shape, commitments and binding for its caller).
        uint256[] memory signals = _signals(jobId, other, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowWrongWorker.selector,
                jobId,
                workerAgentId,
                otherAgentId,
                block.timestamp + TTL
            )
        );
        vm.prank(other);
        escrow.fulfill(jobId, otherAgentId, proof.a, proof.b, proof.c, signals);
        // Claiming the reserved agent's id does not help: the caller is not its wallet.
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowNotAgentWallet.selector, workerAgentId, other, worker
            )
        );
        vm.prank(other);
        escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals);
        _expectStatus(jobId, IInferenceEscrow.JobStatus.Open);
        assertEq(usdc.balanceOf(other), 0, "the other agent is not paid");
        _fulfill(jobId, worker, workerAgentId);
        assertEq(usdc.balanceOf(worker), AMOUNT, "the reserved worker is");
    }

    function test_fulfill_otherAgentAfterWindow() public {
        uint256 exclusiveUntil = block.timestamp + 60;
        uint256 jobId = _openWindow(AMOUNT, worker2AgentId, exclusiveUntil, block.timestamp + TTL);
        vm.warp(exclusiveUntil + 1);
        vm.expectEmit(address(escrow));
        emit IInferenceEscrow.JobFulfilled(jobId, workerAgentId, worker, AMOUNT);
        _fulfill(jobId, worker, workerAgentId);
        IInferenceEscrow.Job memory job = escrow.getJob(jobId);
        assertEq(uint256(job.status), uint256(IInferenceEscrow.JobStatus.Fulfilled), "fulfilled");
        assertEq(job.workerAgentId, workerAgentId, "records the agent that fulfilled");
        assertEq(usdc.balanceOf(worker), AMOUNT, "the other agent is paid");
        assertEq(usdc.balanceOf(worker2), 0, "the reserved one is not");
        // One settlement: the reserved agent's late proof finds the job closed.
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowJobNotOpen.selector, jobId, IInferenceEscrow.JobStatus.Fulfilled
            )
        );
        _fulfill(jobId, worker2, worker2AgentId);
    }

    function test_fulfill_RevertWhen_otherAgentInWindow() public {
        uint256 exclusiveUntil = block.timestamp + 60;
        uint256 jobId = _openWindow(AMOUNT, worker2AgentId, exclusiveUntil, block.timestamp + TTL);
        // The window's last second is still the reserved agent's.
        vm.warp(exclusiveUntil);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowWrongWorker.selector,
                jobId,
                worker2AgentId,
                workerAgentId,
                exclusiveUntil
            )
        );
        _fulfill(jobId, worker, workerAgentId);
        _expectStatus(jobId, IInferenceEscrow.JobStatus.Open);
        assertEq(usdc.balanceOf(worker), 0, "not paid");
    }

    function test_fulfill_reservedAgentAfterWindowStillPaid() public {
        uint256 exclusiveUntil = block.timestamp + 60;
        uint256 jobId = _openWindow(AMOUNT, worker2AgentId, exclusiveUntil, block.timestamp + TTL);
        vm.warp(exclusiveUntil + 30);
        _fulfill(jobId, worker2, worker2AgentId);
        assertEq(usdc.balanceOf(worker2), AMOUNT, "the slow reserved worker may still deliver");
    }

    function test_fulfill_RevertWhen_afterWindowWithoutAgentWallet() public {
        uint256 exclusiveUntil = block.timestamp + 60;
        uint256 jobId = _openWindow(AMOUNT, worker2AgentId, exclusiveUntil, block.timestamp + TTL);
        vm.warp(exclusiveUntil + 1);
        // After the window the job is open to registered agents only, each through its own wallet.
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowNotAgentWallet.selector, workerAgentId, stranger, worker
            )
        );
        _fulfill(jobId, stranger, workerAgentId);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 0));
        _fulfill(jobId, stranger, 0);
        _expectStatus(jobId, IInferenceEscrow.JobStatus.Open);
    }

    function test_refund_afterTheDeadlineOfAWindowedJob() public {
        uint256 deadline = block.timestamp + TTL;
        uint256 exclusiveUntil = block.timestamp + 60;
        uint256 jobId = _openWindow(AMOUNT, worker2AgentId, exclusiveUntil, deadline);
        uint256 before = usdc.balanceOf(requester);
        vm.warp(deadline + 1);
        escrow.refund(jobId);
        assertEq(usdc.balanceOf(requester), before + AMOUNT, "refunded");
        IInferenceEscrow.Job memory job = escrow.getJob(jobId);
        assertEq(uint256(job.status), uint256(IInferenceEscrow.JobStatus.Refunded), "refunded status");
        assertEq(job.exclusiveUntil, exclusiveUntil, "window kept");
    }

    function testFuzz_fulfill_exclusiveWindow(uint256 window, uint256 elapsed) public {
        window = bound(window, 1, TTL);
        elapsed = bound(elapsed, 0, TTL);
        uint256 start = block.timestamp;
        uint256 exclusiveUntil = start + window;
        uint256 jobId = _openWindow(AMOUNT, worker2AgentId, exclusiveUntil, start + TTL);
        vm.warp(start + elapsed);
        if (start + elapsed <= exclusiveUntil) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IInferenceEscrow.InferenceEscrowWrongWorker.selector,
                    jobId,
                    worker2AgentId,
                    workerAgentId,
                    exclusiveUntil
                )
            );
            _fulfill(jobId, worker, workerAgentId);
            _expectStatus(jobId, IInferenceEscrow.JobStatus.Open);
            // The reserved agent may fulfil at any time until the deadline.
            _fulfill(jobId, worker2, worker2AgentId);
            assertEq(usdc.balanceOf(worker2), AMOUNT, "reserved agent paid");
            assertEq(usdc.balanceOf(worker), 0, "other agent not paid");
        } else {
            _fulfill(jobId, worker, workerAgentId);
            assertEq(usdc.balanceOf(worker), AMOUNT, "other agent paid after the window");
            assertEq(escrow.getJob(jobId).workerAgentId, workerAgentId, "records who fulfilled");
        }
        assertEq(usdc.balanceOf(address(escrow)), 0, "escrow empty");
    }

    function test_fulfill_paysForAJobOpenedBeforeTheModelRetired() public {
        uint256 jobId = _open(AMOUNT, workerAgentId);
        vm.prank(modelOwner);
        models.retireModel(modelId);
        // Retiring stops new jobs...
        vm.expectRevert(abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowModelNotActive.selector, modelId));
        vm.prank(requester);
        escrow.openJob(modelId, INPUT_COMMITMENT, AMOUNT, block.timestamp + TTL, workerAgentId, block.timestamp + TTL);
        assertEq(escrow.jobCount(), jobId, "no new job");
        // ...but the job opened before is still fulfilled, attested and paid.
        vm.expectEmit(address(escrow));
        emit IInferenceEscrow.JobFulfilled(jobId, workerAgentId, worker, AMOUNT);
        _fulfill(jobId, worker, workerAgentId);
        _expectStatus(jobId, IInferenceEscrow.JobStatus.Fulfilled);
        assertTrue(attestor.isAttested(jobId), "attested");
        assertEq(usdc.balanceOf(worker), AMOUNT, "worker paid");
        assertEq(usdc.balanceOf(address(escrow)), 0, "escrow empty");
        // And it can no longer be refunded to the requester.
        vm.warp(block.timestamp + TTL + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowJobNotOpen.selector, jobId, IInferenceEscrow.JobStatus.Fulfilled
            )
        );
        escrow.refund(jobId);
    }

    function test_fulfill_revertsForAnUnknownAgentOrJob() public {
        uint256 jobId = _open();
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 77));
        _fulfill(jobId, worker, 77);
        vm.expectRevert(abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowUnknownJob.selector, 5));
        _fulfill(5, worker, workerAgentId);
        uint256 id = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowInvalidWorker.selector, id));
        _fulfill(jobId, worker, id);
    }

    function test_fulfill_revertsAfterARefund() public {
        uint256 jobId = _open();
        vm.warp(block.timestamp + TTL + 1);
        escrow.refund(jobId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowJobNotOpen.selector, jobId, IInferenceEscrow.JobStatus.Refunded
            )
        );
        _fulfill(jobId, worker, workerAgentId);
    }

    function testFuzz_fulfill_proofOfJobACannotFulfilJobB(uint256 jobsBefore, uint256 aIndex, uint256 bIndex) public {
        jobsBefore = bound(jobsBefore, 2, 6);
        for (uint256 i; i < jobsBefore; ++i) {
            _open();
        }
        uint256 jobA = bound(aIndex, 1, jobsBefore);
        uint256 jobB = bound(bIndex, 1, jobsBefore);
        vm.assume(jobA != jobB);
        uint256[] memory signals = _signals(jobA, worker, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceAttestor.InferenceAttestorBindingMismatch.selector,
                _binding(address(escrow), jobB, worker),
                signals[2]
            )
        );
        vm.prank(worker);
        escrow.fulfill(jobB, workerAgentId, proof.a, proof.b, proof.c, signals);
        _expectStatus(jobB, IInferenceEscrow.JobStatus.Open);
        vm.prank(worker);
        escrow.fulfill(jobA, workerAgentId, proof.a, proof.b, proof.c, signals);
        _expectStatus(jobA, IInferenceEscrow.JobStatus.Fulfilled);
    }

    function testFuzz_fulfill_proofCopiedFromTheMempoolIsRejected(uint256 thiefKey) public {
        thiefKey = bound(thiefKey, 1, 2 ** 128);
        address thief = vm.addr(thiefKey);
        vm.assume(thief != worker);
        vm.prank(thief);
        uint256 thiefAgentId = agents.register();
        uint256 jobId = _open();
        // The honest worker's calldata, as seen in the mempool.
        uint256[] memory signals = _signals(jobId, worker, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceAttestor.InferenceAttestorBindingMismatch.selector,
                _binding(address(escrow), jobId, thief),
                signals[2]
            )
        );
        vm.prank(thief);
        escrow.fulfill(jobId, thiefAgentId, proof.a, proof.b, proof.c, signals);
        vm.prank(worker);
        escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals);
        assertEq(usdc.balanceOf(worker), AMOUNT, "the prover is paid");
        assertEq(usdc.balanceOf(thief), 0, "the copier is not");
    }

    function test_fulfill_proofForAnotherEscrowIsRejected() public {
        (, InferenceAttestor otherAttestor, InferenceEscrow other) = _deployMarket(IERC20(address(usdc)));
        uint256 jobId = _open();
        vm.prank(requester);
        usdc.approve(address(other), AMOUNT);
        vm.prank(requester);
        uint256 otherJob = other.openJob(modelId, INPUT_COMMITMENT, AMOUNT, block.timestamp + TTL, 0, 0);
        assertEq(otherJob, jobId, "same job id in both escrows");
        uint256[] memory signals = _signals(jobId, worker, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceAttestor.InferenceAttestorBindingMismatch.selector,
                otherAttestor.computeBinding(otherJob, worker),
                signals[2]
            )
        );
        vm.prank(worker);
        other.fulfill(otherJob, workerAgentId, proof.a, proof.b, proof.c, signals);
    }

    function test_fulfill_cannotBeReenteredFromTheToken() public {
        MockToken token = new MockToken("TKN");
        (,, InferenceEscrow guarded) = _deployMarket(IERC20(address(token)));
        token.mint(requester, 10 * AMOUNT);
        vm.startPrank(requester);
        token.approve(address(guarded), type(uint256).max);
        uint256 first = guarded.openJob(modelId, INPUT_COMMITMENT, AMOUNT, block.timestamp + TTL, 0, 0);
        uint256 second = guarded.openJob(modelId, INPUT_COMMITMENT, AMOUNT, block.timestamp + 1, 0, 0);
        vm.stopPrank();
        vm.warp(block.timestamp + 2);
        // While paying the worker of the first job, the token calls back into the escrow to refund the second.
        token.setCallback(address(guarded), abi.encodeCall(InferenceEscrow.refund, (second)));
        uint256[] memory signals = _signalsFor(address(guarded), first, worker, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.prank(worker);
        guarded.fulfill(first, workerAgentId, proof.a, proof.b, proof.c, signals);
        assertFalse(token.callbackSucceeded(), "reentrant refund blocked");
        assertEq(
            token.callbackReturn(),
            abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector),
            "by the guard"
        );
        assertEq(uint256(guarded.getJob(second).status), uint256(IInferenceEscrow.JobStatus.Open), "still open");
        guarded.refund(second);
        assertEq(token.balanceOf(address(guarded)), 0, "all settled");
    }

    // -------------------------------------------------------------------------------------------------------------
    // refund
    // -------------------------------------------------------------------------------------------------------------

    function test_refund_afterTheDeadlineByAnyone() public {
        uint256 jobId = _open();
        uint256 before = usdc.balanceOf(requester);
        vm.warp(block.timestamp + TTL + 1);
        vm.expectEmit(address(escrow));
        emit IInferenceEscrow.JobRefunded(jobId, requester, AMOUNT);
        vm.prank(stranger);
        escrow.refund(jobId);
        assertEq(usdc.balanceOf(requester), before + AMOUNT, "requester refunded");
        assertEq(usdc.balanceOf(stranger), 0, "caller gets nothing");
        _expectStatus(jobId, IInferenceEscrow.JobStatus.Refunded);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowJobNotOpen.selector, jobId, IInferenceEscrow.JobStatus.Refunded
            )
        );
        escrow.refund(jobId);
    }

    function testFuzz_refund_neverBeforeTheDeadline(uint256 ttl, uint256 elapsed) public {
        ttl = bound(ttl, 1, 365 days);
        elapsed = bound(elapsed, 0, ttl);
        vm.prank(requester);
        uint256 jobId = escrow.openJob(modelId, INPUT_COMMITMENT, AMOUNT, block.timestamp + ttl, 0, 0);
        uint256 deadline = block.timestamp + ttl;
        vm.warp(block.timestamp + elapsed);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceEscrow.InferenceEscrowJobNotExpired.selector, jobId, deadline, block.timestamp
            )
        );
        escrow.refund(jobId);
        _expectStatus(jobId, IInferenceEscrow.JobStatus.Open);
    }

    function test_refund_revertsForAnUnknownJob() public {
        vm.expectRevert(abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowUnknownJob.selector, 1));
        escrow.refund(1);
    }

    function test_getJob_revertsForAnUnknownJob() public {
        vm.expectRevert(abi.encodeWithSelector(IInferenceEscrow.InferenceEscrowUnknownJob.selector, 0));
        escrow.getJob(0);
    }
}

/// @notice Drives the escrow through random sequences of opens, fulfilments (honest, with another job's proof, with
/// a proof copied by another worker), refunds (early and late) and time jumps, and keeps ghost accounts of what
/// happened. Every call that should fail is wrapped, so an unexpected success is recorded rather than lost.
contract EscrowHandler is MarketStackMock {
    uint256 public paid;
    uint256 public refunded;
    uint256 public deposited;
    mapping(uint256 jobId => uint256 count) public settlements;
    uint256 public maxSettlements;
    bool public earlyRefund;
    bool public fulfilAfterRefund;
    bool public crossJobProofAccepted;
    bool public stolenProofAccepted;

    constructor() {
        setUp();
    }

    function open(uint256 amount, uint256 ttl, bool named, uint256 window) external {
        amount = bound(amount, 1, 1_000 * 1e6);
        ttl = bound(ttl, 1, 1 days);
        uint256 deadline = block.timestamp + ttl;
        // A named job is reserved for a window ending anywhere up to its deadline; the other worker may take it after.
        uint256 exclusiveUntil = named ? block.timestamp + bound(window, 1, ttl) : 0;
        vm.prank(requester);
        escrow.openJob(modelId, INPUT_COMMITMENT, amount, deadline, named ? workerAgentId : 0, exclusiveUntil);
        deposited += amount;
    }

    function fulfill(uint256 jobSeed, bool second) external {
        uint256 jobId = _pick(jobSeed);
        if (jobId == 0) return;
        IInferenceEscrow.Job memory job = escrow.getJob(jobId);
        (address who, uint256 agentId) = second ? (worker2, worker2AgentId) : (worker, workerAgentId);
        uint256[] memory signals = _signals(jobId, who, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.prank(who);
        try escrow.fulfill(jobId, agentId, proof.a, proof.b, proof.c, signals) {
            paid += job.amount;
            _settled(jobId);
            if (job.status == IInferenceEscrow.JobStatus.Refunded) fulfilAfterRefund = true;
        } catch { }
    }

    function fulfillWithAnotherJobsProof(uint256 aSeed, uint256 bSeed) external {
        uint256 jobA = _pick(aSeed);
        uint256 jobB = _pick(bSeed);
        if (jobA == 0 || jobA == jobB) return;
        uint256[] memory signals = _signals(jobA, worker, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.prank(worker);
        try escrow.fulfill(jobB, workerAgentId, proof.a, proof.b, proof.c, signals) {
            crossJobProofAccepted = true;
        } catch { }
    }

    function fulfillWithAStolenProof(uint256 jobSeed) external {
        uint256 jobId = _pick(jobSeed);
        if (jobId == 0) return;
        uint256[] memory signals = _signals(jobId, worker, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.prank(worker2);
        try escrow.fulfill(jobId, worker2AgentId, proof.a, proof.b, proof.c, signals) {
            stolenProofAccepted = true;
        } catch { }
    }

    function refund(uint256 jobSeed) external {
        uint256 jobId = _pick(jobSeed);
        if (jobId == 0) return;
        IInferenceEscrow.Job memory job = escrow.getJob(jobId);
        try escrow.refund(jobId) {
            refunded += job.amount;
            _settled(jobId);
            if (block.timestamp <= job.deadline) earlyRefund = true;
        } catch { }
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 2 hours));
    }

    function market() external view returns (InferenceEscrow, IERC20) {
        return (escrow, IERC20(address(usdc)));
    }

    function _pick(uint256 seed) private view returns (uint256) {
        uint256 count = escrow.jobCount();
        return count == 0 ? 0 : bound(seed, 1, count);
    }

    function _settled(uint256 jobId) private {
        uint256 count = ++settlements[jobId];
        if (count > maxSettlements) maxSettlements = count;
    }
}

contract InferenceEscrowInvariantTest {
    EscrowHandler internal handler;
    InferenceEscrow internal escrow;
    IERC20 internal usdc;

    error InvariantBroken(string what, uint256 left, uint256 right);

    function setUp() public {
        handler = new EscrowHandler();
        (escrow, usdc) = handler.market();
    }

    /// @dev forge-std's StdInvariant shape, which the test runner reads.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @dev Only the actions: not the handler's setUp or its ghost-variable getters.
    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = EscrowHandler.open.selector;
        selectors[1] = EscrowHandler.fulfill.selector;
        selectors[2] = EscrowHandler.fulfillWithAnotherJobsProof.selector;
        selectors[3] = EscrowHandler.fulfillWithAStolenProof.selector;
        selectors[4] = EscrowHandler.refund.selector;
        selectors[5] = EscrowHandler.warp.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({ addr: address(handler), selectors: selectors });
    }

    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 40
    function invariant_balanceEqualsTheSumOfOpenJobs() public view {
        uint256 open;
        for (uint256 jobId = 1; jobId <= escrow.jobCount(); ++jobId) {
            IInferenceEscrow.Job memory job = escrow.getJob(jobId);
            if (job.status == IInferenceEscrow.JobStatus.Open) open += job.amount;
        }
        uint256 balance = usdc.balanceOf(address(escrow));
        if (balance != open) revert InvariantBroken("escrow balance != open jobs", balance, open);
        uint256 out = handler.paid() + handler.refunded();
        if (handler.deposited() != out + balance) {
            revert InvariantBroken("deposited != paid + refunded + held", handler.deposited(), out + balance);
        }
    }

    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 40
    function invariant_settlementRules() public view {
        if (handler.maxSettlements() > 1) revert InvariantBroken("a job paid twice", handler.maxSettlements(), 1);
        if (handler.earlyRefund()) revert InvariantBroken("refund before the deadline", 1, 0);
        if (handler.fulfilAfterRefund()) revert InvariantBroken("fulfil after a refund", 1, 0);
        if (handler.crossJobProofAccepted()) revert InvariantBroken("job A's proof fulfilled job B", 1, 0);
        if (handler.stolenProofAccepted()) revert InvariantBroken("a copied proof was accepted", 1, 0);
    }
}
