import { discoverWorkers, type Model } from "@convergence/sdk";
import { fetchVerifiedKey } from "../chain/fetchVerifiedKey.ts";
import { readJobRequesters } from "../chain/readJobRequesters.ts";
import { readModels } from "../chain/readModels.ts";
import { LoadError } from "../components/LoadError.tsx";
import { Notice } from "../components/Notice.tsx";
import { useDashboard } from "../config/useDashboard.ts";
import { formatUsdc } from "../format/formatUsdc.ts";
import { useLoad } from "../hooks/useLoad.ts";
import { Link } from "../routing/Link.tsx";

type ModelMarket =
  | { model: Model; listings: Awaited<ReturnType<typeof discoverWorkers>> }
  | { model: Model; problem: string };

/**
 * `/market`: for each active model, the workers that serve it (the SDK's discoverWorkers over the ERC-8004
 * registrations), their prices, reputation among the clients that paid for jobs, validations and load.
 */
export default function MarketPage() {
  const { client, config, version, status } = useDashboard();
  const { data, error } = useLoad(async (): Promise<ModelMarket[]> => {
    const { AgentRegistry, ReputationRegistry, ValidationRegistry, InferenceEscrow } = config.contracts;
    if (!AgentRegistry || !ReputationRegistry || !ValidationRegistry || !InferenceEscrow) {
      throw new Error("this deployment has no open market (AgentRegistry, ReputationRegistry, ValidationRegistry)");
    }
    const contracts = { AgentRegistry, ReputationRegistry, ValidationRegistry, InferenceEscrow };
    const [models, trustedClients] = await Promise.all([
      readModels({ client, config }),
      readJobRequesters({ client, config }),
    ]);
    return Promise.all(
      models
        .filter((model) => model.active)
        .map(async (model): Promise<ModelMarket> => {
          const verificationKey = await fetchVerifiedKey({ modelId: model.modelId, vkeyHash: model.vkeyHash });
          if (!verificationKey) {
            return { model, problem: "this machine holds no verification key matching the chain's key hash" };
          }
          const listings = await discoverWorkers({
            publicClient: client,
            contracts,
            fromBlock: BigInt(config.fromBlock),
            pin: { commitment: model.commitment, verificationKey },
            trustedClients,
          });
          return { model, listings };
        }),
    );
  }, [client, config, version, status.state]);

  return (
    <section>
      <h1>Market</h1>
      <p className="muted">
        Workers as their ERC-8004 registration files advertise them (their claims; a requester checks the chain before
        paying). Reputation counts feedback from the clients that paid for jobs on this escrow.
      </p>
      <LoadError title="Could not read the market" error={data ? undefined : error} />
      {data && data.length === 0 ? (
        <Notice title="No active model, so no market yet" command="pnpm convergence devnet --workers 2" />
      ) : null}
      {data?.map((market) => (
        <div key={market.model.modelId.toString()} className="card" data-market-model={market.model.modelId.toString()}>
          <h2>Model {market.model.modelId.toString()}</h2>
          {"problem" in market ? (
            <p className="muted">{market.problem}</p>
          ) : market.listings.length === 0 ? (
            <Notice title="No worker serves this model" command="pnpm convergence devnet --workers 2">
              {market.listings.skipped.map((s) => `agent ${s.agentId}: ${s.reason}`).join("; ")}
            </Notice>
          ) : (
            <table data-testid="market-table">
              <thead>
                <tr>
                  <th>Agent</th>
                  <th>Endpoint</th>
                  <th>Price</th>
                  <th>Quick answer (x402)</th>
                  <th>Reputation</th>
                  <th>Validations</th>
                  <th>Reserved / fulfilled / failed over / open</th>
                </tr>
              </thead>
              <tbody>
                {market.listings.map((listing) => (
                  <tr key={listing.agentId.toString()} data-agent-id={listing.agentId.toString()}>
                    <td>
                      <Link to={`/agents/${listing.agentId}`}>agent {listing.agentId.toString()}</Link>
                    </td>
                    <td className="mono">{listing.url}</td>
                    <td>{formatUsdc(listing.model.price)}</td>
                    <td data-testid="x402-price">
                      {listing.model.x402 ? `${formatUsdc(listing.model.x402.price)} a call` : "not sold"}
                    </td>
                    <td>
                      {listing.reputation.count === 0
                        ? "no feedback"
                        : `${listing.reputation.successRate ?? "?"}% of ${listing.reputation.count}${
                            listing.reputation.medianLatencyMs === undefined
                              ? ""
                              : `, median ${(listing.reputation.medianLatencyMs / 1000).toFixed(1)} s`
                          }`}
                    </td>
                    <td>{listing.validations}</td>
                    <td>
                      {listing.stats.reserved} / {listing.stats.fulfilled} / {listing.stats.failedOver} /{" "}
                      {listing.stats.open}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </section>
  );
}
