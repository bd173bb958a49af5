/** Placeholder: filled in by the next commits. */
export function ModelsPage() {
  return <h1>Models</h1>;
}
