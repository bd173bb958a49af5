/** sha256 of the prepared ptau of the project's development ceremony (circuits/ptau/README.md). */
export const DEV_PTAU_SHA256 = "38ea57ed771b596a3129c164ce34bc2464d70cc77183968e850cb837587b0ae2";
/** The committed ceremony's power: circuits up to 2^14 constraints. */
export const DEV_PTAU_POWER = 14;
/** Iterations (2^n) of the beacon that closes each circuit's phase 2. */
export const PHASE2_BEACON_ITERATIONS_EXP = 10;
