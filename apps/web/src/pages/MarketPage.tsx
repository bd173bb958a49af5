/** Placeholder: filled in by the next commits. */
export function MarketPage() {
  return <h1>Market</h1>;
}
