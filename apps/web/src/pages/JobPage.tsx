import { attestedValues, getAttestation, getJob } from "@convergence/sdk";
import { readJobs } from "../chain/readJobs.ts";
import { readModelLayout } from "../chain/readModelLayout.ts";
import { Hex } from "../components/Hex.tsx";
import { Notice } from "../components/Notice.tsx";
import { StateBadge } from "../components/StateBadge.tsx";
import { useDashboard } from "../config/useDashboard.ts";
import { formatTime } from "../format/formatTime.ts";
import { formatUsdc } from "../format/formatUsdc.ts";
import { useLoad } from "../hooks/useLoad.ts";
import { useTicker } from "../hooks/useTicker.ts";
import { Link } from "../routing/Link.tsx";

/** `/jobs/:id`: one job, its attestation and its decoded outputs (labels and values). */
export function JobPage({ jobId }: { jobId: bigint }) {
  const { client, config, version } = useDashboard();
  const tick = useTicker({ ms: 2_000 });
  const { data, error } = useLoad(async () => {
    const escrow = config.contracts.InferenceEscrow;
    const attestor = config.contracts.InferenceAttestor;
    if (!escrow || !attestor) return undefined;
    const job = await getJob({ client, escrow, jobId });
    if (job.status === "none") return { job, row: undefined, attestation: undefined, layout: undefined };
    const [{ jobs }, attestation, layout] = await Promise.all([
      readJobs({ client, config }),
      job.status === "fulfilled" ? getAttestation({ client, attestor, jobId }) : undefined,
      readModelLayout({ config, modelId: job.modelId }),
    ]);
    return { job, row: jobs.find((r) => r.jobId === jobId), attestation, layout };
  }, [client, config, jobId, version, tick]);

  if (error && !data) {
    return (
      <Notice tone="error" title={`Could not read job ${jobId}`}>
        {error.message}
      </Notice>
    );
  }
  if (!data) return <p className="loading">Loading job {jobId.toString()}…</p>;
  const { job, row, attestation, layout } = data;
  if (job.status === "none") {
    return (
      <Notice
        tone="warning"
        title={`No job ${jobId} on this escrow`}
        command="pnpm -s convergence job open --input '[0.5,-1.2,0.3,0,0.1,0,1,-0.5]' --pay 2"
      />
    );
  }
  const values =
    attestation && layout && layout.scales.length === attestation.outputs.length
      ? attestedValues({ outputs: attestation.outputs, scales: layout.scales })
      : undefined;
  const best = values ? values.reduce((at, v, i) => (v > values[at]! ? i : at), 0) : undefined;
  const proveMs = row?.worker?.job.timings.proveMs;
  return (
    <section>
      <h1>
        Job #{jobId.toString()} {row ? <StateBadge state={row.state} /> : null}
      </h1>
      <div className="grid">
        <div className="card">
          <h2>Job</h2>
          <dl>
            <dt>Model</dt>
            <dd>
              {layout?.name ?? "?"} (id {job.modelId.toString()})
            </dd>
            <dt>Requester</dt>
            <dd className="mono">{job.requester}</dd>
            <dt>Payment</dt>
            <dd>{formatUsdc(job.amount)}</dd>
            <dt>Deadline</dt>
            <dd>{formatTime(job.deadline)}</dd>
            <dt>Worker</dt>
            <dd>
              {job.workerAgentId === 0n ? (
                "any agent"
              ) : (
                <Link to={`/agents/${job.workerAgentId}`}>agent {job.workerAgentId.toString()}</Link>
              )}
              {row?.fulfilled ? (
                <>
                  {" "}
                  · wallet <Hex value={row.fulfilled.worker} />
                </>
              ) : null}
            </dd>
            <dt>Input commitment</dt>
            <dd className="mono">{job.inputCommitment.toString()}</dd>
            <dt>Open tx</dt>
            <dd className="mono">{row?.transactionHash ?? "—"}</dd>
            <dt>Fulfil tx</dt>
            <dd className="mono">{row?.fulfilled?.transactionHash ?? row?.refunded?.transactionHash ?? "—"}</dd>
            <dt>Worker state</dt>
            <dd>{row?.worker ? `${row.worker.job.state} (${row.worker.url})` : "—"}</dd>
            <dt>Prove time</dt>
            <dd>{typeof proveMs === "number" ? `${(proveMs / 1000).toFixed(1)} s` : "—"}</dd>
            <dt>Gas</dt>
            <dd>{row?.fulfilGas?.toLocaleString() ?? "—"}</dd>
          </dl>
        </div>
        <div className="card" data-testid="attestation">
          <h2>Attestation</h2>
          {attestation ? (
            <>
              <dl>
                <dt>Worker wallet</dt>
                <dd className="mono">{attestation.worker}</dd>
                <dt>Attested at</dt>
                <dd>{formatTime(attestation.timestamp)}</dd>
                <dt>Validation request</dt>
                <dd className="mono">{attestation.validationRequestHash}</dd>
              </dl>
              <h2>Outputs</h2>
              <table data-testid="outputs">
                <thead>
                  <tr>
                    <th>Output</th>
                    <th>Value</th>
                    <th>Fixed-point</th>
                  </tr>
                </thead>
                <tbody>
                  {attestation.outputs.map((output, i) => (
                    <tr key={layout?.outputs[i] ?? i} data-output-label={layout?.outputs[i]}>
                      <td>
                        {layout?.outputs[i] ?? `output ${i}`}
                        {best === i ? " ←" : ""}
                      </td>
                      <td>{values ? values[i]!.toFixed(4) : "?"}</td>
                      <td className="mono">{output.toString()}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {layout ? (
                <p className="muted">
                  Labels and scales as the worker at {layout.workerUrl} publishes model {layout.name}.
                </p>
              ) : (
                <p className="muted">
                  No configured worker serves this model: outputs are shown as fixed-point integers.
                </p>
              )}
              <p>
                <Link to={`/jobs/${jobId}/proof`}>The proof, and verify it in this browser →</Link>
              </p>
            </>
          ) : (
            <p className="muted">
              {job.status === "refunded" ? "Refunded: no proof came before the deadline." : "Not attested yet."}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
