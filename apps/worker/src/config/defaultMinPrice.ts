/**
 * Gas of one `InferenceEscrow.fulfill` with the real risk-v1 verifier: 452,899 measured (`pnpm bench marketGas`,
 * issue #14's steady figure), plus the 5% growth issue #14 allows, rounded up. A floor priced on it still covers
 * fulfil after that growth.
 */
export const FULFIL_GAS = 476_000n;

export type DefaultMinPriceParameters = {
  /** The gas price fulfil is priced at, in wei. */
  gasPriceWei: bigint;
  /** USDC base units (6 decimals) one ETH is worth. */
  ethPriceUsdc: bigint;
  /** USDC base units one proof costs the worker (CPU, power). */
  proveCostUsdc: bigint;
};

export type DefaultMinPriceReturnType = bigint;

/**
 * The lowest job price, in USDC base units, that pays for one proof and one fulfil: `FULFIL_GAS × gas price`, in
 * USDC at the configured ETH price (rounded up), plus the proving cost. With the defaults (0.1 gwei, 3000 USDC/ETH,
 * 0.01 USDC a proof): 476,000 × 0.1 gwei = 0.0000476 ETH = 0.1428 USDC, + 0.01 = 0.1528 USDC (152,800 base units).
 *
 * @example
 * defaultMinPrice({ gasPriceWei: 100_000_000n, ethPriceUsdc: 3_000_000_000n, proveCostUsdc: 10_000n }); // 152_800n
 */
export function defaultMinPrice({
  gasPriceWei,
  ethPriceUsdc,
  proveCostUsdc,
}: DefaultMinPriceParameters): DefaultMinPriceReturnType {
  const wei = FULFIL_GAS * gasPriceWei * ethPriceUsdc;
  const oneEth = 10n ** 18n;
  return (wei + oneEth - 1n) / oneEth + proveCostUsdc;
}
