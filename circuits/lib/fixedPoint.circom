pragma circom 2.1.0;

// Fixed-point Dense (+ ReLU) layer. The arithmetic is the contract in
// packages/zk/src/fixedPoint/constants.ts, bit for bit:
//   acc_j = sum_i w[j][i] * x[i] + b[j] * 2^S
//   q_j   = floor(acc_j / 2^S)            (toward -infinity)
//   y_j   = relu ? max(q_j, 0) : q_j
//
// Soundness: the floor division is proven by ONE canonical bit decomposition of
//   acc_j + 2^(Q-1) * 2^S  =  (q_j + 2^(Q-1)) * 2^S + r_j,   0 <= r_j < 2^S,  0 <= q_j + 2^(Q-1) < 2^Q
// into Q + S bits (S remainder bits, then Q quotient bits). Q + S <= 46, far below the 254-bit
// field, so the decomposition is unique: no aliasing, and neither q nor r can be shifted against the
// other (raising q by one forces r below zero, which no bits can represent). The top bit is the sign
// of q (1 iff q >= 0), so ReLU is y = q * sign with a sign that the decomposition fixes.
//
// Callers must range-check w, b (signed 16-bit) and x (signed 16-bit inputs, or the previous layer's
// Q-bit outputs) so that |acc| stays far below the field: the commitments range-check w, b and the
// input; Q is chosen by the generator (packages/zk/src/circuit/layerQuotientBits.ts) to cover every
// value the checked ranges allow, capped at the 24-bit activation range of the contract.

include "bitify.circom";

template Dense(nIn, nOut, S, Q, relu) {
    signal input x[nIn];
    signal input w[nOut][nIn];
    signal input b[nOut];
    signal output y[nOut];

    signal prod[nOut][nIn];
    signal q[nOut];
    signal r[nOut];
    component bits[nOut];

    for (var j = 0; j < nOut; j++) {
        var acc = b[j] * (1 << S);
        for (var i = 0; i < nIn; i++) {
            prod[j][i] <== w[j][i] * x[i];
            acc += prod[j][i];
        }
        bits[j] = Num2Bits(Q + S);
        bits[j].in <== acc + (1 << (Q - 1)) * (1 << S);

        var rem = 0;
        for (var k = 0; k < S; k++) rem += bits[j].out[k] * (1 << k);
        var quo = 0;
        for (var k = 0; k < Q; k++) quo += bits[j].out[S + k] * (1 << k);
        r[j] <== rem;
        q[j] <== quo - (1 << (Q - 1));

        if (relu == 1) {
            y[j] <== q[j] * bits[j].out[S + Q - 1];
        } else {
            y[j] <== q[j];
        }
    }
}
