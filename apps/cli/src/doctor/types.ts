/** One line of `convergence doctor`. `warn` does not fail the command; `fail` does. */
export type DoctorCheck = {
  name: string;
  status: "ok" | "warn" | "fail";
  detail: string;
  /** What to do when it is not ok. */
  fix?: string;
};
