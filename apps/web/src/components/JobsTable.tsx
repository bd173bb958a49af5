import type { JobRow } from "../chain/readJobs.ts";
import { formatTime } from "../format/formatTime.ts";
import { formatUsdc } from "../format/formatUsdc.ts";
import { Link } from "../routing/Link.tsx";
import { Hex } from "./Hex.tsx";
import { StateBadge } from "./StateBadge.tsx";

/** Prove time in ms from the worker's timings (`proveMs`), if it said. */
function proveMs(job: JobRow): number | undefined {
  const value = job.worker?.job.timings.proveMs;
  return typeof value === "number" ? value : undefined;
}

/** The jobs as a table: state, requester, worker, payment, deadline, transactions, prove time and gas. */
export function JobsTable({ jobs, compact = false }: { jobs: readonly JobRow[]; compact?: boolean }) {
  return (
    <table data-testid="jobs-table">
      <thead>
        <tr>
          <th>Job</th>
          <th>State</th>
          <th>Model</th>
          <th>Requester</th>
          <th>Worker</th>
          <th>Payment</th>
          {compact ? null : (
            <>
              <th>Deadline</th>
              <th>Open tx</th>
              <th>Fulfil tx</th>
              <th>Prove time</th>
              <th>Gas</th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => {
          const ms = proveMs(job);
          const agent = job.fulfilled?.agentId ?? (job.workerAgentId === 0n ? undefined : job.workerAgentId);
          return (
            <tr key={job.jobId.toString()} data-job-id={job.jobId.toString()} data-job-state={job.state}>
              <td>
                <Link to={`/jobs/${job.jobId}`}>#{job.jobId.toString()}</Link>
              </td>
              <td>
                <StateBadge state={job.state} />
              </td>
              <td>{job.worker?.job.model ?? `model ${job.modelId}`}</td>
              <td>
                <Hex value={job.requester} />
              </td>
              <td>
                {agent === undefined ? (
                  <span className="muted">any</span>
                ) : (
                  <Link to={`/agents/${agent}`}>agent {agent.toString()}</Link>
                )}
              </td>
              <td>{formatUsdc(job.amount)}</td>
              {compact ? null : (
                <>
                  <td>{formatTime(job.deadline)}</td>
                  <td>
                    <Hex value={job.transactionHash} />
                  </td>
                  <td>
                    <Hex value={job.fulfilled?.transactionHash ?? job.refunded?.transactionHash} />
                  </td>
                  <td>{ms === undefined ? <span className="muted">—</span> : `${(ms / 1000).toFixed(1)} s`}</td>
                  <td>
                    {job.fulfilGas === undefined ? <span className="muted">—</span> : job.fulfilGas.toLocaleString()}
                  </td>
                </>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
