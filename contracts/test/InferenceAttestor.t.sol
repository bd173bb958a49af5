// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { InferenceAttestor } from "../inference/InferenceAttestor.sol";
import { ValidationRegistry } from "../inference/ValidationRegistry.sol";
import { IInferenceAttestor } from "../interfaces/IInferenceAttestor.sol";
import { IValidationRegistry } from "../interfaces/IValidationRegistry.sol";
import { Groth16VerifierMock } from "./Groth16VerifierMock.sol";
import { MarketStackMock } from "./MarketStackMock.sol";

contract InferenceAttestorTest is MarketStackMock {
    // -------------------------------------------------------------------------------------------------------------
    // Wiring
    // -------------------------------------------------------------------------------------------------------------

    function test_constructor_revertsWhenTheRegistryTrustsAnotherForwarder() public {
        ValidationRegistry registry = new ValidationRegistry(agents, stranger);
        vm.expectRevert(abi.encodeWithSelector(IInferenceAttestor.InferenceAttestorNotForwarder.selector, stranger));
        new InferenceAttestor(models, registry, address(escrow));
    }

    function test_views_nameTheWiring() public view {
        assertEq(attestor.escrow(), address(escrow), "escrow");
        assertEq(attestor.modelRegistry(), address(models), "model registry");
        assertEq(attestor.validationRegistry(), address(validations), "validation registry");
        assertEq(validations.trustedForwarder(), address(attestor), "forwarder");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Binding
    // -------------------------------------------------------------------------------------------------------------

    /// @dev The expected values come from `computeBinding` of @convergence/zk (chain 31337 and 1, escrow
    /// 0x…0e5c20, job 7, worker 0x…3012c1), so the contract and the prover agree on the formula.
    function test_computeBinding_matchesTheZkPackage() public {
        address escrowAt = address(0x0E5C20);
        address attestorAt = vmx.computeCreateAddress(address(this), vmx.getNonce(address(this)) + 1);
        ValidationRegistry registry = new ValidationRegistry(agents, attestorAt);
        InferenceAttestor pinned = new InferenceAttestor(models, registry, escrowAt);
        vm.chainId(31337);
        assertEq(
            pinned.computeBinding(7, address(0x3012C1)),
            20366607522255862247307704087581061053935902194704928285709107126590690076050,
            "chain 31337"
        );
        vm.chainId(1);
        assertEq(
            pinned.computeBinding(7, address(0x3012C1)),
            13943975377739665969526752762634921890874543290836790220330070135911352369575,
            "chain 1"
        );
    }

    function testFuzz_computeBinding_matchesTheFormula(uint256 jobId, address who) public view {
        uint256 binding = attestor.computeBinding(jobId, who);
        assertEq(binding, _binding(address(escrow), jobId, who), "binding");
        assertLt(binding, R, "in the field");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Attestation
    // -------------------------------------------------------------------------------------------------------------

    function test_attest_recordsTheAttestationAndAnswersTheValidation() public {
        uint256 jobId = _open();
        vm.warp(block.timestamp + 30);
        bytes32 requestHash = keccak256(abi.encode(address(escrow), jobId));
        vm.expectEmit(address(attestor));
        emit IInferenceAttestor.InferenceAttested(
            jobId, modelId, worker, workerAgentId, INPUT_COMMITMENT, _defaultOutputs(), requestHash
        );
        int256[] memory returned = _fulfill(jobId, worker, workerAgentId);
        assertEq(returned.length, 3, "returned outputs");
        assertEq(uint256(returned[1]), uint256(int256(-56)), "returned negative output");

        IInferenceAttestor.Attestation memory attestation = attestor.getAttestation(jobId);
        assertEq(attestation.jobId, jobId, "jobId");
        assertEq(attestation.modelId, modelId, "modelId");
        assertEq(attestation.inputCommitment, INPUT_COMMITMENT, "inputCommitment");
        assertEq(attestation.worker, worker, "worker");
        assertEq(attestation.timestamp, block.timestamp, "timestamp");
        assertEq(attestation.validationRequestHash, requestHash, "request hash");
        assertEq(attestation.outputs.length, 3, "outputs");
        assertEq(uint256(attestation.outputs[0]), 1234, "output 0");
        assertEq(uint256(attestation.outputs[1]), uint256(int256(-56)), "output 1 negative");
        assertEq(uint256(attestation.outputs[2]), 0, "output 2");
        assertTrue(attestor.isAttested(jobId), "isAttested");
        assertEq(attestor.defaultRequestHash(jobId), requestHash, "defaultRequestHash");

        (address v, uint256 agentId, uint8 response,,, uint256 lastUpdate) = validations.getValidationStatus(requestHash);
        assertEq(v, address(attestor), "the attestor validated");
        assertEq(agentId, workerAgentId, "for the worker's agent");
        assertEq(response, 100, "verified");
        assertEq(lastUpdate, block.timestamp, "answered now");
        assertEq(validations.getAgentValidations(workerAgentId)[0], requestHash, "agent list");
        assertEq(validations.getValidatorRequests(address(attestor))[0], requestHash, "validator list");
        address[] memory only = new address[](1);
        only[0] = address(attestor);
        (uint64 count, uint8 avg) = validations.getSummary(workerAgentId, only, "");
        assertEq(count, 1, "summary count");
        assertEq(avg, 100, "summary average");
    }

    function testFuzz_attest_recordsAnyOutputsExactly(int256[3] memory values, uint8 widths) public {
        // Mix narrow (int64) and wide values; every value must be a field element in (-r/2, r/2).
        int256 limit = int256((R - 1) / 2);
        int256[] memory outputs = new int256[](3);
        for (uint256 i; i < 3; ++i) {
            int256 value = values[i];
            if ((widths >> i) & 1 == 0) value = value % int256(type(int64).max);
            else value = value % limit;
            outputs[i] = value;
        }
        uint256 jobId = _open();
        uint256[] memory signals = _signals(jobId, worker, outputs);
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.prank(worker);
        escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals);
        int256[] memory recorded = attestor.getAttestation(jobId).outputs;
        for (uint256 i; i < 3; ++i) {
            assertEq(uint256(recorded[i]), uint256(outputs[i]), "output round trip");
        }
    }

    function test_attest_recordsWideOutputs() public {
        int256[] memory outputs = new int256[](3);
        outputs[0] = type(int64).max;
        outputs[1] = -int256(1 << 100);
        outputs[2] = int256((R - 1) / 2);
        uint256 jobId = _open();
        uint256[] memory signals = _signals(jobId, worker, outputs);
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.prank(worker);
        escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals);
        int256[] memory recorded = attestor.getAttestation(jobId).outputs;
        assertEq(uint256(recorded[0]), uint256(outputs[0]), "int64 max");
        assertEq(uint256(recorded[1]), uint256(outputs[1]), "-2^100");
        assertEq(uint256(recorded[2]), uint256(outputs[2]), "largest positive");
    }

    function test_attest_decodesTheSmallestNegative() public {
        int256[] memory outputs = new int256[](3);
        outputs[0] = -int256((R - 1) / 2); // field element (r + 1) / 2
        outputs[1] = type(int64).min;
        outputs[2] = -1;
        uint256 jobId = _open();
        uint256[] memory signals = _signals(jobId, worker, outputs);
        assertEq(signals[3], (R + 1) / 2, "encoded as r - |x|");
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.prank(worker);
        escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals);
        int256[] memory recorded = attestor.getAttestation(jobId).outputs;
        assertEq(uint256(recorded[0]), uint256(outputs[0]), "most negative");
        assertEq(uint256(recorded[1]), uint256(outputs[1]), "int64 min");
        assertEq(uint256(recorded[2]), uint256(outputs[2]), "-1");
    }

    function test_attest_answersPastASquattedRequestHash() public {
        uint256 jobId = _open();
        bytes32 expected = attestor.defaultRequestHash(jobId);
        // A griefer registers the hash the attestor will use, hoping to make the settlement revert.
        vm.startPrank(stranger);
        uint256 griefer = agents.register();
        validations.validationRequest(stranger, griefer, "", expected);
        vm.stopPrank();

        _fulfill(jobId, worker, workerAgentId);
        bytes32 filed = attestor.getAttestation(jobId).validationRequestHash;
        assertEq(filed, keccak256(abi.encode(expected)), "next hash in the chain");
        (address v, uint256 agentId, uint8 response,,,) = validations.getValidationStatus(filed);
        assertEq(v, address(attestor), "validator");
        assertEq(agentId, workerAgentId, "worker's agent");
        assertEq(response, 100, "verified");
    }

    function test_attest_judgesAJobByTheModelInForceWhenItOpened() public {
        uint256 jobId = _open();
        // The owner retires the model after the job opened (issue #14, finding 5: to make the fulfil revert and
        // refund the job once the output is known) and registers retrained weights on the same verifier.
        vm.startPrank(modelOwner);
        models.retireModel(modelId);
        uint256 retrained = models.registerModel(_modelParams(MODEL_COMMITMENT + 1));
        vm.stopPrank();
        assertFalse(models.isActive(modelId), "retired");

        // The job is still judged by its own registration: another commitment is refused, even the new model's.
        uint256[] memory signals = _signals(jobId, worker, _defaultOutputs());
        signals[0] = MODEL_COMMITMENT + 1;
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceAttestor.InferenceAttestorModelCommitmentMismatch.selector,
                MODEL_COMMITMENT,
                MODEL_COMMITMENT + 1
            )
        );
        vm.prank(worker);
        escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals);
        assertTrue(retrained != modelId, "a new model id");

        // The proof under the registration the job was opened for is attested, validated and paid.
        uint256 before = usdc.balanceOf(worker);
        _fulfill(jobId, worker, workerAgentId);
        IInferenceAttestor.Attestation memory attestation = attestor.getAttestation(jobId);
        assertEq(attestation.modelId, modelId, "attested for the retired model");
        assertEq(attestation.worker, worker, "by the worker");
        assertEq(uint256(attestation.outputs[1]), uint256(int256(-56)), "outputs recorded");
        (address v,, uint8 response,,,) = validations.getValidationStatus(attestation.validationRequestHash);
        assertEq(v, address(attestor), "validated by the attestor");
        assertEq(response, 100, "verified");
        assertEq(usdc.balanceOf(worker), before + AMOUNT, "worker paid");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Unhappy paths (each reverts the whole fulfilment)
    // -------------------------------------------------------------------------------------------------------------

    function test_attest_revertsForOtherThanTheEscrow() public {
        uint256[] memory signals = _signals(1, worker, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.expectRevert(
            abi.encodeWithSelector(IInferenceAttestor.InferenceAttestorNotEscrow.selector, worker, address(escrow))
        );
        vm.prank(worker);
        attestor.attest(1, worker, workerAgentId, modelId, INPUT_COMMITMENT, proof, signals);
    }

    function test_attest_rejectsADuplicate() public {
        uint256 jobId = _open();
        _fulfill(jobId, worker, workerAgentId);
        uint256[] memory signals = _signals(jobId, worker, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.expectRevert(abi.encodeWithSelector(IInferenceAttestor.InferenceAttestorAlreadyAttested.selector, jobId));
        vm.prank(address(escrow));
        attestor.attest(jobId, worker, workerAgentId, modelId, INPUT_COMMITMENT, proof, signals);
    }

    function test_attest_revertsOnTheWrongSignalCount() public {
        uint256 jobId = _open();
        int256[] memory outputs = new int256[](2);
        uint256[] memory signals = _signals(jobId, worker, outputs);
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.expectRevert(abi.encodeWithSelector(IInferenceAttestor.InferenceAttestorWrongSignalCount.selector, 6, 5));
        vm.prank(worker);
        escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals);
    }

    function test_attest_revertsOnAnotherModelCommitment() public {
        uint256 jobId = _open();
        uint256[] memory signals = _signals(jobId, worker, _defaultOutputs());
        signals[0] = MODEL_COMMITMENT + 1;
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceAttestor.InferenceAttestorModelCommitmentMismatch.selector,
                MODEL_COMMITMENT,
                MODEL_COMMITMENT + 1
            )
        );
        vm.prank(worker);
        escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals);
    }

    function test_attest_revertsOnAnotherInputCommitment() public {
        uint256 jobId = _open();
        uint256[] memory signals = _signals(jobId, worker, _defaultOutputs());
        signals[1] = 5;
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceAttestor.InferenceAttestorInputCommitmentMismatch.selector, INPUT_COMMITMENT, 5
            )
        );
        vm.prank(worker);
        escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals);
    }

    function test_attest_revertsOnAnOutputOutsideTheField() public {
        uint256 jobId = _open();
        uint256[] memory signals = _signals(jobId, worker, _defaultOutputs());
        signals[4] = R;
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.expectRevert(abi.encodeWithSelector(IInferenceAttestor.InferenceAttestorSignalOutOfField.selector, 4, R));
        vm.prank(worker);
        escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals);
    }

    function test_attest_revertsWhenAnOutputWasChangedAfterProving() public {
        uint256 jobId = _open();
        uint256[] memory signals = _signals(jobId, worker, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        signals[3] = 9999; // the worker claims another score than the one proven
        vm.expectRevert(
            abi.encodeWithSelector(
                IInferenceAttestor.InferenceAttestorProofRejected.selector, modelId, address(verifier)
            )
        );
        vm.prank(worker);
        escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals);
    }

    function test_attest_treatsEveryVerifierFailureAsRejection() public {
        Groth16VerifierMock.Mode[5] memory modes = [
            Groth16VerifierMock.Mode.ReturnFalse,
            Groth16VerifierMock.Mode.Revert,
            Groth16VerifierMock.Mode.ReturnEmpty,
            Groth16VerifierMock.Mode.ReturnTwo,
            Groth16VerifierMock.Mode.ReturnLong
        ];
        uint256 jobId = _open();
        uint256[] memory signals = _signals(jobId, worker, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        for (uint256 i; i < modes.length; ++i) {
            verifier.setMode(modes[i]);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IInferenceAttestor.InferenceAttestorProofRejected.selector, modelId, address(verifier)
                )
            );
            vm.prank(worker);
            escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals);
        }
        verifier.setMode(Groth16VerifierMock.Mode.Verify);
        vm.prank(worker);
        escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals);
        assertTrue(attestor.isAttested(jobId), "a verifying proof still settles");
    }

    function test_getAttestation_revertsForAJobWithoutOne() public {
        uint256 jobId = _open();
        vm.expectRevert(abi.encodeWithSelector(IInferenceAttestor.InferenceAttestorUnknownAttestation.selector, jobId));
        attestor.getAttestation(jobId);
        assertFalse(attestor.isAttested(jobId), "isAttested");
    }

    function test_validation_isOnlyAnsweredAfterAProofVerifies() public {
        uint256 jobId = _open();
        verifier.setMode(Groth16VerifierMock.Mode.ReturnFalse);
        uint256[] memory signals = _signals(jobId, worker, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.prank(worker);
        try escrow.fulfill(jobId, workerAgentId, proof.a, proof.b, proof.c, signals) {
            revert AssertionFailed("a rejected proof settled");
        } catch { }
        assertFalse(validations.requestExists(attestor.defaultRequestHash(jobId)), "no request filed");
        assertEq(validations.getAgentValidations(workerAgentId).length, 0, "no validation for the agent");
        // Even after a successful proof, only the attestor can answer its requests.
        verifier.setMode(Groth16VerifierMock.Mode.Verify);
        _fulfill(jobId, worker, workerAgentId);
        bytes32 requestHash = attestor.defaultRequestHash(jobId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IValidationRegistry.ValidationRegistryNotValidator.selector, requestHash, worker, address(attestor)
            )
        );
        vm.prank(worker);
        validations.validationResponse(requestHash, 0, "", bytes32(0), "");
    }
}
