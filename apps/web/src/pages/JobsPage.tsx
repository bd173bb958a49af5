import { JobsTable } from "../components/JobsTable.tsx";
import { LoadError } from "../components/LoadError.tsx";
import { NoJobsYet } from "../components/NoJobsYet.tsx";
import { WorkersDown } from "../components/WorkersDown.tsx";
import { useJobs } from "../hooks/useJobs.ts";

/** `/jobs`: every job on the escrow, newest first. */
export function JobsPage() {
  const { data, error } = useJobs();
  return (
    <section>
      <h1>Jobs</h1>
      <LoadError title="Could not read the jobs" error={data ? undefined : error} />
      {data ? <WorkersDown urls={data.workersDown} /> : null}
      {data && data.jobs.length === 0 ? <NoJobsYet /> : null}
      {data && data.jobs.length > 0 ? <JobsTable jobs={data.jobs} /> : null}
    </section>
  );
}
