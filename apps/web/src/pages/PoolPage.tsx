/** Placeholder: filled in by the next commits. */
export function PoolPage() {
  return <h1>Pool</h1>;
}
