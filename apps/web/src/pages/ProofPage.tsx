/** Placeholder: filled in by the next commits. */
export function ProofPage({ jobId }: { jobId: bigint }) {
  return <h1>Proof of job {jobId.toString()}</h1>;
}
