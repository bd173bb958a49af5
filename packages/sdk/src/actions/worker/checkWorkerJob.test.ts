import { describe, expect, it } from "vitest";
import { workerJobView } from "../../../test/workerAnswers.ts";
import { WorkerInvalidAnswerError } from "../../errors/worker.ts";
import { checkWorkerJob } from "./checkWorkerJob.ts";

const url = "http://127.0.0.1:8080/v1/jobs/7";
const job = {
  ...workerJobView,
  state: "settled",
  output: { raw: ["3"], values: [0.01], label: "low" },
  txHashes: [`0x${"ab".repeat(32)}`],
  timings: { proveMs: 540 },
};

describe("checkWorkerJob", () => {
  it("passes a job view of the worker's API through unchanged", () => {
    expect(checkWorkerJob({ body: job, url })).toBe(job);
    expect(checkWorkerJob({ body: { ...job, output: null, txHashes: [] }, url }).state).toBe("settled");
  });
  it.each([
    ["not an object", [], "job"],
    ["an empty object", {}, "job.jobId"],
    ["timings missing (a lying worker after payment)", { ...job, timings: undefined }, "job.timings"],
    ["a timing that is not a number", { ...job, timings: { proveMs: {} } }, "job.timings"],
    ["an unknown state", { ...job, state: "done" }, "job.state"],
    ["a hex job id", { ...job, jobId: "0x7" }, "job.jobId"],
    ["a transaction hash that is not one", { ...job, txHashes: ["0x01"] }, "job.txHashes"],
    ["output values that are not numbers", { ...job, output: { raw: [], values: ["1"] } }, "job.output"],
  ])("refuses %s, naming the field", (_what, body, field) => {
    const error = (() => {
      try {
        checkWorkerJob({ body, url });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WorkerInvalidAnswerError);
    expect((error as WorkerInvalidAnswerError).field).toBe(field);
    expect((error as Error).message).toContain(url);
  });
});
