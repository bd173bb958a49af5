import { HTTPFacilitatorClient } from "@x402/core/server";
import { FacilitatorUnusableError } from "../errors/x402.ts";

export type CheckFacilitatorParameters = {
  /** WORKER_FACILITATOR_URL. */
  url: string;
  /** The CAIP-2 network the worker is paid on, eip155:<chainId>. */
  network: string;
};

/**
 * Checks at start that the facilitator answers `GET /supported` and settles the `exact` scheme on the worker's network
 * (x402 v2), so a wrong or stopped facilitator fails the start, naming WORKER_FACILITATOR_URL, instead of every paid
 * request failing later. Throws `FacilitatorUnusableError`.
 *
 * @example
 * await checkFacilitator({ url: "http://127.0.0.1:4022", network: "eip155:31337" });
 */
export async function checkFacilitator({ url, network }: CheckFacilitatorParameters): Promise<void> {
  let kinds: { x402Version: number; scheme: string; network: string }[];
  try {
    ({ kinds } = await new HTTPFacilitatorClient({ url, timeoutMs: 5_000 }).getSupported());
  } catch (cause) {
    throw new FacilitatorUnusableError({ url, problem: "it does not answer GET /supported", cause });
  }
  if (!kinds.some((kind) => kind.x402Version === 2 && kind.scheme === "exact" && kind.network === network)) {
    const offered = kinds.map((kind) => `${kind.scheme} on ${kind.network} (v${kind.x402Version})`).join(", ");
    throw new FacilitatorUnusableError({
      url,
      problem: `it does not settle the x402 v2 exact scheme on ${network} (it offers: ${offered || "nothing"})`,
    });
  }
}
