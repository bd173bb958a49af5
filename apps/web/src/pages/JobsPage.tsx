import { JobsTable } from "../components/JobsTable.tsx";
import { NoJobsYet } from "../components/NoJobsYet.tsx";
import { Notice } from "../components/Notice.tsx";
import { WorkersDown } from "../components/WorkersDown.tsx";
import { useJobs } from "../hooks/useJobs.ts";

/** `/jobs`: every job on the escrow, newest first. */
export function JobsPage() {
  const { data, error } = useJobs();
  return (
    <section>
      <h1>Jobs</h1>
      {error && !data ? (
        <Notice tone="error" title="Could not read the jobs">
          {error.message}
        </Notice>
      ) : null}
      {data ? <WorkersDown urls={data.workersDown} /> : null}
      {data && data.jobs.length === 0 ? <NoJobsYet /> : null}
      {data && data.jobs.length > 0 ? <JobsTable jobs={data.jobs} /> : null}
    </section>
  );
}
