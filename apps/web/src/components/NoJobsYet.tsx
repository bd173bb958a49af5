import { Notice } from "./Notice.tsx";

/** The empty state of the job lists: how to open the first job. */
export function NoJobsYet() {
  return (
    <Notice
      title="No jobs yet: nobody has paid for an inference on this escrow"
      command={`pnpm -s convergence job open --input '[0.5,-1.2,0.3,0,0.1,0,1,-0.5]' --pay 2`}
    >
      It appears here as soon as it opens, then moves to proving and verified without a reload.
    </Notice>
  );
}
