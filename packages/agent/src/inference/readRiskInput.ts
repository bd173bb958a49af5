import { buildRiskFeatures, type ModelManifest } from "@convergence/models";
import type { ReadClient } from "@convergence/sdk";
import { quantizeValue } from "@convergence/zk";
import type { Address } from "viem";
import { type ReadMarketStateReturnType, readMarketState } from "./readMarketState.ts";

export type ReadRiskInputParameters = {
  client: ReadClient;
  contracts: { Pool: Address; WETH: Address; USDC: Address };
  /** The model's manifest: its scale and feature names. */
  manifest: Pick<ModelManifest, "scale" | "features">;
};

export type ReadRiskInputReturnType = {
  /** The model's input, quantized at the manifest's scale, in feature order. */
  input: bigint[];
  /** The market state it was computed from. */
  state: ReadMarketStateReturnType;
};

/**
 * A risk model's input from chain state only: the pool's state (readMarketState) mapped to the model's features
 * (buildRiskFeatures) and quantized at the manifest's scale. The one place both inference paths (verified and quick)
 * compute what they ask about, so both ask the same question.
 *
 * @example
 * const { input } = await readRiskInput({ client, contracts: deployment.contracts, manifest });
 */
export async function readRiskInput({
  client,
  contracts,
  manifest,
}: ReadRiskInputParameters): Promise<ReadRiskInputReturnType> {
  const state = await readMarketState({ client, contracts });
  const features = buildRiskFeatures({ market: state });
  const input = features.map((value, i) =>
    quantizeValue({ value, scale: manifest.scale, what: `${manifest.features?.[i]?.name ?? `feature ${i}`}` }),
  );
  return { input, state };
}
