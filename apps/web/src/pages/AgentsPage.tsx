/** Placeholder: filled in by the next commits. */
export function AgentsPage() {
  return <h1>Agents</h1>;
}
