/** Placeholder: filled in by the next commits. */
export function JobsPage() {
  return <h1>Jobs</h1>;
}
