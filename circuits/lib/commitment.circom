pragma circom 2.1.0;

// Packed Poseidon commitments, the same scheme as packages/zk/src/commitment/constants.ts:
//   u_i = v_i + 2^15 range-checked to 16 bits (so v_i is a signed 16-bit value),
//   fifteen u's per word, little-endian (240 bits < 254: unpacking is unique),
//   state = count; state = Poseidon([state, ...up to 15 words]) per run; commitment = state.

include "bitify.circom";
include "poseidon.circom";

// Packs n signed 16-bit values into ceil(n / 15) words, range-checking each value.
template PackWords(n) {
    var PER_WORD = 15;
    var W = (n + PER_WORD - 1) \ PER_WORD;
    signal input values[n];
    signal output words[W];

    component range[n];
    var word[W];
    for (var k = 0; k < W; k++) word[k] = 0;
    for (var i = 0; i < n; i++) {
        range[i] = Num2Bits(16);
        range[i].in <== values[i] + (1 << 15);
        word[i \ PER_WORD] += (values[i] + (1 << 15)) * (1 << (16 * (i % PER_WORD)));
    }
    for (var k = 0; k < W; k++) words[k] <== word[k];
}

// The sponge: count is a constant of the circuit (the number of packed values).
template PoseidonSponge(count, nWords) {
    var RATE = 15;
    var RUNS = (nWords + RATE - 1) \ RATE;
    signal input words[nWords];
    signal output out;

    component h[RUNS];
    for (var run = 0; run < RUNS; run++) {
        var size = nWords - run * RATE;
        if (size > RATE) size = RATE;
        h[run] = Poseidon(size + 1);
        if (run == 0) {
            h[run].inputs[0] <== count;
        } else {
            h[run].inputs[0] <== h[run - 1].out;
        }
        for (var t = 0; t < size; t++) h[run].inputs[1 + t] <== words[run * RATE + t];
    }
    out <== h[RUNS - 1].out;
}

// Commitment to n signed 16-bit values.
template PackedCommitment(n) {
    var W = (n + 14) \ 15;
    signal input values[n];
    signal output out;

    component pack = PackWords(n);
    pack.values <== values;
    component sponge = PoseidonSponge(n, W);
    sponge.words <== pack.words;
    out <== sponge.out;
}

// Commitment to n signed 16-bit values hidden by a salt, absorbed as one more word.
template SaltedCommitment(n) {
    var W = (n + 14) \ 15;
    signal input values[n];
    signal input salt;
    signal output out;

    component pack = PackWords(n);
    pack.values <== values;
    component sponge = PoseidonSponge(n, W + 1);
    for (var k = 0; k < W; k++) sponge.words[k] <== pack.words[k];
    sponge.words[W] <== salt;
    out <== sponge.out;
}
