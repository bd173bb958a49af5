/** Placeholder: filled in by the next commits. */
export function OverviewPage() {
  return <h1>Overview</h1>;
}
