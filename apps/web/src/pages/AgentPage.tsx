import { validationRegistryAbi } from "@convergence/contracts";
import { getAgent, getReputationSummary } from "@convergence/sdk";
import { resolveDid } from "@convergence/sdk/did";
import { isAddressEqual } from "viem";
import { readJobRequesters } from "../chain/readJobRequesters.ts";
import { Hex } from "../components/Hex.tsx";
import { Notice } from "../components/Notice.tsx";
import { useDashboard } from "../config/useDashboard.ts";
import { useLoad } from "../hooks/useLoad.ts";

/**
 * `/agents/:id`: an ERC-8004 agent: owner, wallet, its DID document (resolved here with ethr-did-resolver against the
 * chain's DIDRegistry), the attestor's validations and its reputation among the clients that paid for jobs.
 */
export default function AgentPage({ agentId }: { agentId: bigint }) {
  const { client, config, version } = useDashboard();
  const { data, error } = useLoad(async () => {
    const {
      AgentRegistry: registry,
      DIDRegistry,
      ValidationRegistry,
      InferenceAttestor,
      ReputationRegistry,
    } = config.contracts;
    if (!registry) throw new Error("nothing deployed: no AgentRegistry configured");
    const agent = await getAgent({ client, registry, agentId });
    const [document, validations, reputation] = await Promise.all([
      agent.did && DIDRegistry
        ? resolveDid({ did: agent.did, rpcUrl: config.rpcUrl, registry: DIDRegistry }).then(
            (resolved) => ({ ok: true as const, resolved }),
            (cause: unknown) => ({ ok: false as const, error: cause instanceof Error ? cause.message : String(cause) }),
          )
        : undefined,
      ValidationRegistry
        ? client.getContractEvents({
            address: ValidationRegistry,
            abi: validationRegistryAbi,
            eventName: "ValidationResponse",
            args: { agentId },
            fromBlock: BigInt(config.fromBlock),
            strict: true,
          })
        : [],
      ReputationRegistry
        ? readJobRequesters({ client, config }).then(async (clients) =>
            clients.length === 0
              ? { clients, summary: undefined }
              : {
                  clients,
                  summary: await getReputationSummary({ client, registry: ReputationRegistry, agentId, clients }),
                },
          )
        : undefined,
    ]);
    // Only the attestor's answers count: anyone can file and answer a request under any validator name.
    const byAttestor = validations.filter(
      (log) => InferenceAttestor !== undefined && isAddressEqual(log.args.validatorAddress, InferenceAttestor),
    );
    return { agent, document, validations: byAttestor, reputation };
  }, [client, config, agentId, version]);

  if (error && !data) {
    return (
      <Notice tone="warning" title={`Could not read agent ${agentId}`}>
        {error.message}
      </Notice>
    );
  }
  if (!data) return <p className="loading">Reading agent {agentId.toString()}…</p>;
  const { agent, document, validations, reputation } = data;
  return (
    <section>
      <h1>Agent #{agentId.toString()}</h1>
      <div className="grid">
        <div className="card">
          <h2>ERC-8004 identity</h2>
          <dl>
            <dt>Owner</dt>
            <dd className="mono">{agent.owner}</dd>
            <dt>Agent wallet</dt>
            <dd className="mono">{agent.wallet ?? "—"}</dd>
            <dt>DID</dt>
            <dd className="mono">{agent.did ?? "none recorded"}</dd>
            <dt>Agent URI</dt>
            <dd className="mono">
              {agent.agentURI.length > 200 ? `${agent.agentURI.slice(0, 200)}…` : agent.agentURI}
            </dd>
          </dl>
          <h2>Reputation</h2>
          {reputation?.summary ? (
            <dl data-testid="reputation">
              <dt>Feedback</dt>
              <dd>{reputation.summary.count}</dd>
              <dt>Success rate</dt>
              <dd>{reputation.summary.successRate === undefined ? "—" : `${reputation.summary.successRate}%`}</dd>
              <dt>Median latency</dt>
              <dd>
                {reputation.summary.medianLatencyMs === undefined
                  ? "—"
                  : `${(reputation.summary.medianLatencyMs / 1000).toFixed(1)} s`}
              </dd>
              <dt>Counted from</dt>
              <dd>{reputation.clients.length} client(s) that paid for jobs on this escrow</dd>
            </dl>
          ) : (
            <p className="muted">No feedback from a client that paid for a job yet.</p>
          )}
        </div>
        <div className="card">
          <h2>DID document</h2>
          {document === undefined ? <p className="muted">The agent records no DID.</p> : null}
          {document && !document.ok ? <p className="muted">Could not resolve: {document.error}</p> : null}
          {document?.ok ? (
            <pre className="mono" data-testid="did-document">
              {JSON.stringify(document.resolved.didDocument, null, 2)}
            </pre>
          ) : null}
        </div>
      </div>
      <h2>Validations ({validations.length})</h2>
      {validations.length === 0 ? (
        <p className="muted">The attestor has validated no job of this agent yet.</p>
      ) : (
        <table data-testid="validations">
          <thead>
            <tr>
              <th>Request</th>
              <th>Response</th>
              <th>Tag</th>
              <th>Tx</th>
            </tr>
          </thead>
          <tbody>
            {validations.map((log) => (
              <tr key={`${log.transactionHash}-${log.logIndex}`}>
                <td>
                  <Hex value={log.args.requestHash} />
                </td>
                <td>{log.args.response}</td>
                <td>{log.args.tag}</td>
                <td>
                  <Hex value={log.transactionHash} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
