import { powersOfTau, type SnarkjsLogger } from "snarkjs";
import { checkPtau } from "./checkPtau.ts";
import { createProgress, type OnProgress } from "./createProgress.ts";
import { terminateCurve } from "./terminateCurve.ts";

export type VerifyPtauParameters = {
  /** Defaults to the committed development ptau (whose hash is checked first). */
  ptau?: string;
  onProgress?: OnProgress;
};
export type VerifyPtauReturnType = boolean;

/**
 * The full cryptographic check of a powers-of-tau file (`snarkjs powersoftau verify`): every
 * contribution, the beacon and the prepared phase-2 points. About 8 s at power 14 on two cores
 * (`checkPtau`, the pinned-hash check, takes a fraction of a second).
 *
 * @example
 * const ok = await verifyPtau({ onProgress: ({ message }) => console.log(message) });
 */
export async function verifyPtau({ ptau, onProgress }: VerifyPtauParameters = {}): Promise<VerifyPtauReturnType> {
  const report = createProgress(onProgress);
  const { path } = await checkPtau({ ptau });
  const logger: SnarkjsLogger = {
    debug: () => {},
    info: (message) => report(message),
    warn: (message) => report(`warning: ${message}`),
    error: (message) => report(`error: ${message}`),
  };
  try {
    return await powersOfTau.verify(path, logger);
  } finally {
    await terminateCurve();
  }
}
