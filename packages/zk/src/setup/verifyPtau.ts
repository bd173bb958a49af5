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
 * contribution, the beacon and the prepared phase-2 points. Minutes at power 14 on two cores, so it
 * belongs to `doctor --full` and the bench, not to `pnpm test` (which checks the pinned hash).
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
