/** Placeholder: filled in by the next commits. */
export function JobPage({ jobId }: { jobId: bigint }) {
  return <h1>Job {jobId.toString()}</h1>;
}
