/** Placeholder: filled in by the next commits. */
export function AgentPage({ agentId }: { agentId: bigint }) {
  return <h1>Agent {agentId.toString()}</h1>;
}
