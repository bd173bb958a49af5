import { BaseError } from "./base.ts";

/** WORKER_FACILITATOR_URL is missing, unreachable, or names a facilitator that cannot settle on this chain. */
export class FacilitatorUnusableError extends BaseError {
  override name = "FacilitatorUnusableError";
  constructor({ url, problem, cause }: { url: string | undefined; problem: string; cause?: unknown }) {
    super(
      url === undefined
        ? `WORKER_X402_PRICE asks for x402 payments but WORKER_FACILITATOR_URL is not set: ${problem}.`
        : `The x402 facilitator at WORKER_FACILITATOR_URL=${url} cannot be used: ${problem}.`,
      {
        cause,
        metaMessages: [
          "Start one (convergence facilitator, default http://127.0.0.1:4022) and set WORKER_FACILITATOR_URL to its URL, or set WORKER_X402_PRICE=0 to keep POST /v1/inference free.",
        ],
      },
    );
  }
}
