import { loadModel, loadModelPin } from "@convergence/models";
import { quoteQuickInference, type ReadClient } from "@convergence/sdk";
import type { Address } from "viem";
import { toBaseUnits } from "../chain/toBaseUnits.ts";
import type { QuickInferenceQuote } from "../tools/types.ts";
import { type ChooseQuickWorkerParameters, chooseQuickWorker } from "./chooseQuickWorker.ts";
import { normalizeSubject } from "./normalizeSubject.ts";
import { readRiskInput } from "./readRiskInput.ts";

export type QuoteQuickRiskInferenceParameters = {
  publicClient: ReadClient;
  contracts: ChooseQuickWorkerParameters["contracts"] & { Pool: Address; WETH: Address; USDC: Address };
  /** The worker the user named: that worker only. Unset: the market chooses (chooseQuickWorker). */
  workerUrl?: string | undefined;
  market?: ChooseQuickWorkerParameters["market"];
  model: string;
  subject: string;
  /** The user's ceiling, USDC whole units, e.g. "0.05". */
  maxPayment: string;
};

/**
 * What a quick risk score would cost, without paying: the worker (chooseQuickWorker), the model's input from the pool
 * on the chain (readRiskInput, the same question the verified path asks), and the worker's price and recipient from
 * its 402 (the SDK's quoteQuickInference: nothing is signed).
 *
 * @example
 * const quote = await quoteQuickRiskInference({ publicClient, contracts, model: "risk-v1", subject: "WETH/USDC", maxPayment: "0.05" });
 */
export async function quoteQuickRiskInference({
  publicClient,
  contracts,
  workerUrl,
  market,
  model,
  subject,
  maxPayment,
}: QuoteQuickRiskInferenceParameters): Promise<QuickInferenceQuote> {
  const pair = normalizeSubject({ subject });
  // The pin (the model's keys, what a market worker must advertise) only to choose in the market; a named worker needs
  // the manifest alone.
  const { manifest, pin } =
    workerUrl === undefined
      ? await loadModelPin({ name: model })
      : { ...(await loadModel({ name: model })), pin: undefined };
  const worker = await chooseQuickWorker({
    publicClient,
    contracts,
    workerUrl,
    ...(market === undefined ? {} : { market }),
    model,
    ...(pin === undefined ? {} : { pin }),
    maxPrice: toBaseUnits({ amount: maxPayment, symbol: "USDC" }),
  });
  const { input } = await readRiskInput({ client: publicClient, contracts, manifest });
  const asked = await quoteQuickInference({ workerUrl: worker.workerUrl, modelId: worker.modelId });
  return {
    model,
    subject: pair,
    ...worker,
    input,
    output: { scale: manifest.scale, labels: manifest.labels },
    price: asked.price,
    payTo: "payTo" in asked ? asked.payTo : undefined,
  };
}
