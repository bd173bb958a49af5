/**
 * Gas one `InferenceEscrow.fulfill` with the real risk-v1 verifier is priced at. `pnpm bench marketGas` measured
 * 452,899 in the steady state and 487,111 for a worker's first payment and first validation; issue #14 lets the steady
 * figure grow 5% (475,544). 500,000 covers all three.
 */
export const FULFIL_GAS = 500_000n;

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
 * 0.01 USDC a proof): 500,000 × 0.1 gwei = 0.00005 ETH = 0.15 USDC, + 0.01 = 0.16 USDC (160,000 base units).
 *
 * @example
 * defaultMinPrice({ gasPriceWei: 100_000_000n, ethPriceUsdc: 3_000_000_000n, proveCostUsdc: 10_000n }); // 160_000n
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
