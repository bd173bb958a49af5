/**
 * The fixed-point contract shared bit for bit by the TypeScript reference forward pass, the int64
 * ONNX model and the Circom circuit. Change it in all three places or nowhere.
 *
 * - A real value v is stored as the integer round(v * 2^S) (ties toward +infinity).
 * - Inputs, weights and biases are signed VALUE_BITS-bit integers.
 * - Dense: acc_j = sum_i W[j][i] * x[i] + b[j] * 2^S, then y_j = floor(acc_j / 2^S)
 *   (floor toward -infinity, never truncation), then ReLU y_j = max(y_j, 0) on hidden layers.
 * - Every rescaled value floor(acc_j / 2^S), checked before ReLU, is a signed ACTIVATION_BITS-bit
 *   integer, else evaluation fails (the circuit range-checks the same value).
 */
export const VALUE_BITS = 16;
export const VALUE_MIN = -(1n << BigInt(VALUE_BITS - 1));
export const VALUE_MAX = (1n << BigInt(VALUE_BITS - 1)) - 1n;

// 24 bits: at the default scale 2^8 a hidden activation spans +-32768 in real terms, far beyond what standardized
// inputs produce, and each rescale costs Q + S range-check constraints: 32 bits put risk-v1 at 25.2 constraints per
// parameter, 24 bits at 24.8 (issue 7's ceiling is 25).
export const ACTIVATION_BITS = 24;
export const ACTIVATION_MIN = -(1n << BigInt(ACTIVATION_BITS - 1));
export const ACTIVATION_MAX = (1n << BigInt(ACTIVATION_BITS - 1)) - 1n;

export const MIN_SCALE = 1;
export const MAX_SCALE = 14;
export const DEFAULT_SCALE = 8;

/** The BN254 scalar field modulus: every circuit signal lives in [0, FIELD_MODULUS). */
export const FIELD_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
