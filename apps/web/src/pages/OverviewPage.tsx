import { Hex } from "../components/Hex.tsx";
import { JobsTable } from "../components/JobsTable.tsx";
import { LoadError } from "../components/LoadError.tsx";
import { NoJobsYet } from "../components/NoJobsYet.tsx";
import { WorkersDown } from "../components/WorkersDown.tsx";
import { formatUsdc } from "../format/formatUsdc.ts";
import { useJobs } from "../hooks/useJobs.ts";
import { usePool } from "../hooks/usePool.ts";
import { Link } from "../routing/Link.tsx";

/** `/`: the live flow: jobs opening and moving to verified, the last proofs, payments and swaps. */
export function OverviewPage() {
  const jobs = useJobs();
  const pool = usePool();
  const all = jobs.data?.jobs ?? [];
  const proofs = all.filter((job) => job.state === "verified").slice(0, 6);
  const payments = all.filter((job) => job.fulfilled).slice(0, 6);
  const swaps = [...(pool.data?.swaps ?? [])].reverse().slice(0, 6);
  return (
    <section>
      <h1>Live flow</h1>
      <LoadError title="Could not read the jobs" error={jobs.data ? undefined : jobs.error} />
      {jobs.data ? <WorkersDown urls={jobs.data.workersDown} /> : null}
      {jobs.data && all.length === 0 ? <NoJobsYet /> : null}
      {all.length > 0 ? <JobsTable jobs={all.slice(0, 10)} compact /> : null}
      <div className="grid">
        <div className="card">
          <h2>Last proofs</h2>
          {proofs.length === 0 ? <p className="muted">No verified proof yet.</p> : null}
          <ul>
            {proofs.map((job) => (
              <li key={job.jobId.toString()}>
                <Link to={`/jobs/${job.jobId}/proof`}>proof of job #{job.jobId.toString()}</Link>{" "}
                {job.worker?.job.output?.label ? `→ ${job.worker.job.output.label}` : ""}
              </li>
            ))}
          </ul>
        </div>
        <div className="card">
          <h2>Payments</h2>
          {payments.length === 0 ? <p className="muted">No job paid yet.</p> : null}
          <ul>
            {payments.map((job) => (
              <li key={job.jobId.toString()}>
                {formatUsdc(job.fulfilled!.amount)} to agent {job.fulfilled!.agentId.toString()} (
                <Hex value={job.fulfilled!.worker} />) for job #{job.jobId.toString()}
              </li>
            ))}
          </ul>
        </div>
        <div className="card">
          <h2>Swaps</h2>
          {pool.data && swaps.length === 0 ? <p className="muted">No swap yet.</p> : null}
          <ul>
            {swaps.map((swap) => (
              <li key={`${swap.transactionHash}-${swap.logIndex}`}>
                {swap.side === "buy"
                  ? `${swap.usdc.toFixed(2)} USDC → ${swap.weth.toFixed(4)} WETH`
                  : `${swap.weth.toFixed(4)} WETH → ${swap.usdc.toFixed(2)} USDC`}{" "}
                at {swap.price.toFixed(2)} <Hex value={swap.transactionHash} />
              </li>
            ))}
          </ul>
          <Link to="/pool">Pool →</Link>
        </div>
      </div>
    </section>
  );
}
