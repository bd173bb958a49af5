// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import { Strings } from "@openzeppelin/contracts/utils/Strings.sol";

/// @notice Test-only stand-in for a snarkjs Groth16 verifier with any number of public signals. It answers
/// `verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[N])` for every N through its fallback, checking that the
/// selector matches N, and accepts a "proof" whose a[0] is `proofFor(signals)`: like a real proof, it then commits
/// to every public signal, so changing any signal makes it fail. Other modes return false, revert, or answer with
/// malformed data. The real verifier is tested end to end by the zk package and the e2e tests.
contract Groth16VerifierMock {
    enum Mode {
        Verify,
        ReturnFalse,
        Revert,
        ReturnEmpty,
        ReturnTwo,
        ReturnLong
    }

    error Groth16VerifierMockRejected();

    uint256 private constant FIELD_MODULUS =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    Mode public mode;

    function setMode(Mode newMode) external {
        mode = newMode;
    }

    /// @notice The a[0] that makes a proof over `signals` verify.
    function proofFor(uint256[] memory signals) public pure returns (uint256) {
        return uint256(keccak256(abi.encodePacked(signals))) % FIELD_MODULUS;
    }

    fallback(bytes calldata input) external returns (bytes memory) {
        Mode current = mode;
        if (current == Mode.Revert) revert Groth16VerifierMockRejected();
        if (current == Mode.ReturnEmpty) return "";
        if (current == Mode.ReturnTwo) return abi.encode(uint256(2));
        if (current == Mode.ReturnLong) return abi.encode(true, true);
        if (current == Mode.ReturnFalse) return abi.encode(false);

        // selector, a (2 words), b (4 words), c (2 words), then the signals.
        if (input.length < 0x104 || (input.length - 0x104) % 32 != 0) return abi.encode(false);
        uint256 count = (input.length - 0x104) / 32;
        bytes4 expected = bytes4(
            keccak256(
                abi.encodePacked(
                    "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[", Strings.toString(count), "])"
                )
            )
        );
        if (bytes4(input[:4]) != expected) return abi.encode(false);
        uint256[] memory signals = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            signals[i] = uint256(bytes32(input[0x104 + 32 * i:0x124 + 32 * i]));
        }
        uint256 a0 = uint256(bytes32(input[4:36]));
        return abi.encode(a0 == proofFor(signals));
    }
}
