// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { ModelRegistry } from "../inference/ModelRegistry.sol";
import { IModelRegistry } from "../interfaces/IModelRegistry.sol";
import { Groth16VerifierMock } from "./Groth16VerifierMock.sol";
import { Test } from "./utils/Test.sol";

contract ModelRegistryTest is Test {
    uint256 internal constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617;

    ModelRegistry internal registry;
    address internal verifier;
    address internal owner = address(0x30DE1);
    address internal stranger = address(0xBAD);

    function setUp() public {
        registry = new ModelRegistry();
        verifier = address(new Groth16VerifierMock());
    }

    function _params(uint256 commitment, uint8 numOutputs) internal view returns (IModelRegistry.ModelParams memory) {
        return IModelRegistry.ModelParams({
            commitment: commitment,
            verifier: verifier,
            numOutputs: numOutputs,
            circuitId: keccak256("mlp-8-16-3"),
            vkeyHash: keccak256("vkey"),
            onnxHash: keccak256("onnx"),
            uri: "https://models.example/risk-v1.json"
        });
    }

    function _register(uint256 commitment) internal returns (uint256 modelId) {
        vm.prank(owner);
        modelId = registry.registerModel(_params(commitment, 3));
    }

    // -------------------------------------------------------------------------------------------------------------
    // registerModel
    // -------------------------------------------------------------------------------------------------------------

    function test_registerModel_storesEveryField() public {
        vm.expectEmit(address(registry));
        emit IModelRegistry.ModelRegistered(
            1,
            owner,
            verifier,
            42,
            3,
            keccak256("mlp-8-16-3"),
            keccak256("vkey"),
            keccak256("onnx"),
            "https://models.example/risk-v1.json"
        );
        uint256 modelId = _register(42);
        assertEq(modelId, 1, "ids start at 1");
        IModelRegistry.Model memory model = registry.getModel(modelId);
        assertEq(model.commitment, 42, "commitment");
        assertEq(model.verifier, verifier, "verifier");
        assertEq(model.numOutputs, 3, "numOutputs");
        assertTrue(model.active, "active");
        assertEq(model.owner, owner, "owner");
        assertEq(model.circuitId, keccak256("mlp-8-16-3"), "circuitId");
        assertEq(model.vkeyHash, keccak256("vkey"), "vkeyHash");
        assertEq(model.onnxHash, keccak256("onnx"), "onnxHash");
        assertEq(model.uri, "https://models.example/risk-v1.json", "uri");
        assertEq(registry.modelCount(), 1, "count");
        assertTrue(registry.isActive(modelId), "isActive");
    }

    function test_registerModel_precomputesTheSnarkjsSelector() public {
        uint256 modelId = _register(42);
        (uint256 commitment, address modelVerifier, bytes4 selector, uint8 numOutputs, bool active) =
            registry.getVerification(modelId);
        assertEq(commitment, 42, "commitment");
        assertEq(modelVerifier, verifier, "verifier");
        assertEq(numOutputs, 3, "numOutputs");
        assertTrue(active, "active");
        // What snarkjs exports for 6 public signals, written out.
        bytes4 expected = bytes4(keccak256("verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[6])"));
        assertEq(bytes32(selector), bytes32(expected), "selector");
    }

    function test_registerModel_retrainedWeightsReuseTheVerifier() public {
        uint256 first = _register(42);
        uint256 second = _register(43);
        assertEq(second, first + 1, "sequential ids");
        assertEq(registry.getModel(second).verifier, registry.getModel(first).verifier, "same verifier");
        assertEq(registry.getModel(second).commitment, 43, "new commitment");
        vm.prank(owner);
        registry.retireModel(first);
        assertFalse(registry.isActive(first), "old retired");
        assertTrue(registry.isActive(second), "new active");
    }

    function test_registerModel_revertsOnZeroCommitment() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryInvalidCommitment.selector, 0));
        registry.registerModel(_params(0, 3));
    }

    function test_registerModel_revertsOnCommitmentOutsideTheField() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryInvalidCommitment.selector, R));
        registry.registerModel(_params(R, 3));
    }

    function test_registerModel_revertsOnVerifierWithoutCode() public {
        IModelRegistry.ModelParams memory params = _params(42, 3);
        params.verifier = stranger;
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryVerifierNotContract.selector, stranger));
        registry.registerModel(params);
        params.verifier = address(0);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryVerifierNotContract.selector, address(0)));
        registry.registerModel(params);
    }

    function test_registerModel_revertsOnOutputCount() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryInvalidOutputCount.selector, 0, 32));
        registry.registerModel(_params(42, 0));
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryInvalidOutputCount.selector, 33, 32));
        registry.registerModel(_params(42, 33));
    }

    function testFuzz_registerModel_anyValidShape(uint256 commitment, uint8 numOutputs) public {
        commitment = bound(commitment, 1, R - 1);
        numOutputs = uint8(bound(numOutputs, 1, registry.MAX_OUTPUTS()));
        uint256 modelId = registry.registerModel(_params(commitment, numOutputs));
        (uint256 stored,, bytes4 selector, uint8 storedOutputs,) = registry.getVerification(modelId);
        assertEq(stored, commitment, "commitment");
        assertEq(storedOutputs, numOutputs, "numOutputs");
        string memory count = numOutputs + 3 < 10
            ? string(abi.encodePacked(bytes1(uint8(48 + numOutputs + 3))))
            : string(abi.encodePacked(bytes1(uint8(48 + (numOutputs + 3) / 10)), bytes1(uint8(48 + (numOutputs + 3) % 10))));
        bytes4 expected =
            bytes4(keccak256(abi.encodePacked("verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[", count, "])")));
        assertEq(bytes32(selector), bytes32(expected), "selector");
    }

    // -------------------------------------------------------------------------------------------------------------
    // retireModel
    // -------------------------------------------------------------------------------------------------------------

    function test_retireModel_ownerRetires() public {
        uint256 modelId = _register(42);
        vm.expectEmit(address(registry));
        emit IModelRegistry.ModelRetired(modelId);
        vm.prank(owner);
        registry.retireModel(modelId);
        assertFalse(registry.isActive(modelId), "isActive");
        assertFalse(registry.getModel(modelId).active, "getModel.active");
        (,,,, bool active) = registry.getVerification(modelId);
        assertFalse(active, "getVerification.active");
    }

    function test_retireModel_revertsForStranger() public {
        uint256 modelId = _register(42);
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistryNotModelOwner.selector, modelId, stranger, owner)
        );
        vm.prank(stranger);
        registry.retireModel(modelId);
        assertTrue(registry.isActive(modelId), "still active");
    }

    function test_retireModel_revertsTwice() public {
        uint256 modelId = _register(42);
        vm.startPrank(owner);
        registry.retireModel(modelId);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryModelRetired.selector, modelId));
        registry.retireModel(modelId);
        vm.stopPrank();
    }

    function test_retireModel_revertsForUnknownModel() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, 1));
        registry.retireModel(1);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    function test_getModel_revertsForUnknownModel() public {
        _register(42);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, 0));
        registry.getModel(0);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, 2));
        registry.getModel(2);
    }

    function test_getVerification_revertsForUnknownModel() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, 7));
        registry.getVerification(7);
    }

    function test_isActive_falseForUnknownModel() public view {
        assertFalse(registry.isActive(0), "id 0");
        assertFalse(registry.isActive(1), "not yet registered");
    }
}
