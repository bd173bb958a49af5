// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import { AgentRegistry } from "../identity/AgentRegistry.sol";
import { InferenceAttestor } from "../inference/InferenceAttestor.sol";
import { InferenceEscrow } from "../inference/InferenceEscrow.sol";
import { ModelRegistry } from "../inference/ModelRegistry.sol";
import { ValidationRegistry } from "../inference/ValidationRegistry.sol";
import { IInferenceAttestor } from "../interfaces/IInferenceAttestor.sol";
import { IModelRegistry } from "../interfaces/IModelRegistry.sol";
import { USDC } from "../payments/USDC.sol";
import { Groth16VerifierMock } from "./Groth16VerifierMock.sol";
import { Test } from "./utils/Test.sol";

/// @notice The cheatcodes the market tests need beyond utils/Test.sol (same cheatcode address).
interface VmMarket {
    function getNonce(address account) external view returns (uint64);
    function computeCreateAddress(address deployer, uint256 nonce) external pure returns (address);
}

/// @notice Test-only fixture for the inference-market tests: the whole market (USDC, AgentRegistry, ModelRegistry,
/// ValidationRegistry, InferenceAttestor, InferenceEscrow) wired as deployStack wires it, one registered model
/// with 3 outputs on the verifier mock, two worker agents, and a funded requester. Helpers build public signals
/// and mock proofs the way a worker would, with the binding computed independently of the contracts.
abstract contract MarketStackMock is Test {
    VmMarket internal constant vmx = VmMarket(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    uint256 internal constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    uint256 internal constant MODEL_COMMITMENT = 0x1234_5678_9abc_def0_1234_5678_9abc_def0_1234_5678_9abc_def0_1234;
    uint256 internal constant INPUT_COMMITMENT = 0x0abc_def0_1234_5678_9abc_def0_1234_5678_9abc_def0_1234_5678_9abc;
    uint8 internal constant OUTPUTS = 3;
    uint256 internal constant AMOUNT = 2_000_000; // 2 USDC
    uint256 internal constant TTL = 1 hours;
    uint256 internal constant START = 1_700_000_000;

    USDC internal usdc;
    AgentRegistry internal agents;
    ModelRegistry internal models;
    ValidationRegistry internal validations;
    InferenceAttestor internal attestor;
    InferenceEscrow internal escrow;
    Groth16VerifierMock internal verifier;

    address internal modelOwner = address(0x30DE1);
    address internal requester;
    uint256 internal requesterKey;
    address internal worker = address(0x3012C1);
    address internal worker2 = address(0x3012C2);
    address internal stranger = address(0xBAD);
    uint256 internal workerAgentId;
    uint256 internal worker2AgentId;
    uint256 internal modelId;

    function setUp() public virtual {
        vm.warp(START);
        (requester, requesterKey) = makeAccount("requester");
        usdc = new USDC(address(this));
        agents = new AgentRegistry();
        models = new ModelRegistry();
        verifier = new Groth16VerifierMock();
        (validations, attestor, escrow) = _deployMarket(IERC20(address(usdc)));

        vm.prank(modelOwner);
        modelId = models.registerModel(_modelParams(MODEL_COMMITMENT));
        vm.prank(worker);
        workerAgentId = agents.register("https://worker.example/agent.json");
        vm.prank(worker2);
        worker2AgentId = agents.register("https://worker2.example/agent.json");

        usdc.mint(requester, 1_000_000 * 1e6);
        vm.prank(requester);
        usdc.approve(address(escrow), type(uint256).max);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Deployment
    // -------------------------------------------------------------------------------------------------------------

    /// @dev The validation registry trusts the attestor and the attestor serves the escrow, both deployed after it:
    /// their addresses are predicted from this contract's nonce, as deployStack does with the deployer's.
    function _deployMarket(IERC20 token) internal returns (ValidationRegistry, InferenceAttestor, InferenceEscrow) {
        uint64 nonce = vmx.getNonce(address(this));
        address attestorAt = vmx.computeCreateAddress(address(this), nonce + 1);
        address escrowAt = vmx.computeCreateAddress(address(this), nonce + 2);
        ValidationRegistry registry = new ValidationRegistry(agents, attestorAt);
        InferenceAttestor newAttestor = new InferenceAttestor(models, registry, escrowAt);
        InferenceEscrow newEscrow = new InferenceEscrow(token, agents, models, newAttestor);
        assertEq(address(newAttestor), attestorAt, "attestor address");
        assertEq(address(newEscrow), escrowAt, "escrow address");
        return (registry, newAttestor, newEscrow);
    }

    function _modelParams(uint256 commitment) internal view returns (IModelRegistry.ModelParams memory) {
        return IModelRegistry.ModelParams({
            commitment: commitment,
            verifier: address(verifier),
            numOutputs: OUTPUTS,
            circuitId: keccak256("mlp-8-16-3"),
            vkeyHash: keccak256("vkey"),
            onnxHash: keccak256("onnx"),
            uri: "https://models.example/risk-v1.json"
        });
    }

    // -------------------------------------------------------------------------------------------------------------
    // Jobs and proofs
    // -------------------------------------------------------------------------------------------------------------

    function _open() internal returns (uint256 jobId) {
        return _open(AMOUNT, 0);
    }

    /// @dev A job reserved for `namedWorker` for its whole life (or open to any agent when 0).
    function _open(uint256 amount, uint256 namedWorker) internal returns (uint256 jobId) {
        uint256 deadline = block.timestamp + TTL;
        return _openWindow(amount, namedWorker, namedWorker == 0 ? 0 : deadline, deadline);
    }

    /// @dev A job reserved for `namedWorker` until `exclusiveUntil`, open to any agent after it until `deadline`.
    function _openWindow(uint256 amount, uint256 namedWorker, uint256 exclusiveUntil, uint256 deadline)
        internal
        returns (uint256 jobId)
    {
        vm.prank(requester);
        jobId = escrow.openJob(modelId, INPUT_COMMITMENT, amount, deadline, namedWorker, exclusiveUntil);
    }

    /// @dev The binding written out independently of the attestor.
    function _binding(address escrowAddress, uint256 jobId, address who) internal view returns (uint256) {
        return uint256(keccak256(abi.encode(block.chainid, escrowAddress, jobId, who))) % R;
    }

    function _field(int256 value) internal pure returns (uint256) {
        return value >= 0 ? uint256(value) : R - uint256(-value);
    }

    function _defaultOutputs() internal pure returns (int256[] memory outputs) {
        outputs = new int256[](OUTPUTS);
        outputs[0] = 1234;
        outputs[1] = -56;
        outputs[2] = 0;
    }

    /// @dev What the worker `who` proves for `jobId` of `escrow`: [model, input, binding, outputs...].
    function _signals(uint256 jobId, address who, int256[] memory outputs) internal view returns (uint256[] memory) {
        return _signalsFor(address(escrow), jobId, who, outputs);
    }

    function _signalsFor(address escrowAddress, uint256 jobId, address who, int256[] memory outputs)
        internal
        view
        returns (uint256[] memory signals)
    {
        signals = new uint256[](3 + outputs.length);
        signals[0] = MODEL_COMMITMENT;
        signals[1] = INPUT_COMMITMENT;
        signals[2] = _binding(escrowAddress, jobId, who);
        for (uint256 i; i < outputs.length; ++i) {
            signals[3 + i] = _field(outputs[i]);
        }
    }

    /// @dev A mock proof that verifies for exactly these signals (Groth16VerifierMock.proofFor, computed here so
    /// that building a proof makes no call an expectRevert could catch).
    function _proof(uint256[] memory signals) internal pure returns (IInferenceAttestor.Proof memory proof) {
        proof.a = [uint256(keccak256(abi.encodePacked(signals))) % R, uint256(1)];
        proof.b = [[uint256(2), uint256(3)], [uint256(4), uint256(5)]];
        proof.c = [uint256(6), uint256(7)];
    }

    /// @dev `who` proves job `jobId` with the default outputs and fulfils it as agent `agentId`.
    function _fulfill(uint256 jobId, address who, uint256 agentId) internal returns (int256[] memory) {
        uint256[] memory signals = _signals(jobId, who, _defaultOutputs());
        IInferenceAttestor.Proof memory proof = _proof(signals);
        vm.prank(who);
        return escrow.fulfill(jobId, agentId, proof.a, proof.b, proof.c, signals);
    }
}
