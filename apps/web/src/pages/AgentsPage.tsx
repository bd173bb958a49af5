import { readAgents } from "../chain/readAgents.ts";
import { Hex } from "../components/Hex.tsx";
import { LoadError } from "../components/LoadError.tsx";
import { Notice } from "../components/Notice.tsx";
import { useDashboard } from "../config/useDashboard.ts";
import { useLoad } from "../hooks/useLoad.ts";
import { Link } from "../routing/Link.tsx";

/** `/agents`: every ERC-8004 agent: id, owner, wallet, DID, URI. */
export function AgentsPage() {
  const { client, config, version, status } = useDashboard();
  const { data, error } = useLoad(() => readAgents({ client, config }), [client, config, version, status.state]);
  return (
    <section>
      <h1>Agents</h1>
      <LoadError title="Could not read the agents" error={data ? undefined : error} />
      {data && data.length === 0 ? (
        <Notice
          title="No agent registered yet: the devnet registers its workers as ERC-8004 agents"
          command="pnpm convergence devnet"
        />
      ) : null}
      {data && data.length > 0 ? (
        <table data-testid="agents-table">
          <thead>
            <tr>
              <th>Agent</th>
              <th>Owner</th>
              <th>Wallet</th>
              <th>DID</th>
              <th>URI</th>
            </tr>
          </thead>
          <tbody>
            {data.map((agent) => (
              <tr key={agent.agentId.toString()} data-agent-id={agent.agentId.toString()}>
                <td>
                  <Link to={`/agents/${agent.agentId}`}>#{agent.agentId.toString()}</Link>
                </td>
                {"error" in agent ? (
                  <td colSpan={4} className="muted">
                    {agent.error}
                  </td>
                ) : (
                  <>
                    <td>
                      <Hex value={agent.owner} />
                    </td>
                    <td>
                      <Hex value={agent.wallet} />
                    </td>
                    <td className="mono">{agent.did ?? "—"}</td>
                    <td className="mono">
                      {agent.agentURI.length > 60 ? `${agent.agentURI.slice(0, 60)}…` : agent.agentURI}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
