pragma circom 2.1.0;

// A linear model with a committed threshold, in fixed point with scale 2^S:
//   score    = floor((sum_i w[i] * x[i] + b * 2^S) / 2^S)      (Dense(n, 1, S, Q, 0) of circuits/lib)
//   decision = score >= threshold ? 1 : 0
// Public, in the order InferenceAttestor reads them: modelCommitment, inputCommitment, binding,
// score, decision. Private: the input x and its salt, the parameters w, b, threshold.

include "bitify.circom";
include "commitment.circom";
include "fixedPoint.circom";

template LinearThreshold(n, S, Q) {
    // Public, in this order (the wire order follows the declarations).
    signal input modelCommitment;
    signal input inputCommitment;
    signal input binding;
    signal input score;
    signal input decision;
    // Private.
    signal input x[n];
    signal input salt;
    signal input w[n];
    signal input b;
    signal input threshold;

    // binding takes part in no other constraint: square it so it cannot be optimised away.
    signal bindingSquare;
    bindingSquare <== binding * binding;

    // The commitments range-check w, b, threshold and x to signed 16 bits, which Dense relies on.
    component modelCommit = PackedCommitment(n + 2);
    for (var i = 0; i < n; i++) modelCommit.values[i] <== w[i];
    modelCommit.values[n] <== b;
    modelCommit.values[n + 1] <== threshold;
    modelCommitment === modelCommit.out;

    component inputCommit = SaltedCommitment(n);
    inputCommit.values <== x;
    inputCommit.salt <== salt;
    inputCommitment === inputCommit.out;

    // Q covers every score the 16-bit ranges allow (see input.ts), so no honest input is unprovable.
    component linear = Dense(n, 1, S, Q, 0);
    linear.x <== x;
    linear.w[0] <== w;
    linear.b[0] <== b;
    score === linear.y[0];

    // score is a Q-bit signed value and threshold a 16-bit one, so 0 <= score - threshold + 2^Q < 2^(Q+1):
    // its top bit is 1 exactly when score >= threshold. The decomposition is unique (Q + 1 < 254 bits).
    component compare = Num2Bits(Q + 1);
    compare.in <== linear.y[0] - threshold + (1 << Q);
    decision === compare.out[Q];
}

component main {public [modelCommitment, inputCommitment, binding, score, decision]} = LinearThreshold(8, 8, 27);
