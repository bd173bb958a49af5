import { servedShape } from "../inference/servedShape.ts";
import type { Served } from "../inference/types.ts";
import type { JobRecord } from "../store/types.ts";
import type { JobView } from "./types.ts";

export type ToJobViewParameters = {
  job: JobRecord;
  model: Served | undefined;
  /**
   * Show the output and proof. Only once the job settled, or to its requester: before settlement they are the
   * requester's private answer, which it paid for.
   */
  reveal: boolean;
};

/**
 * A stored job as GET /v1/jobs/:jobId shows it: bigints as decimal strings, the output also dequantized and labelled,
 * times as ISO strings. The input and salt stay private: they are never shown; output and proof are null unless
 * `reveal`.
 *
 * @example
 * res.json(toJobView({ job: store.get(7n)!, model, reveal: false }));
 */
export function toJobView({ job, model, reveal }: ToJobViewParameters): JobView {
  const shape = model ? servedShape({ served: model }) : undefined;
  const output = reveal ? job.output : undefined;
  const proof = reveal ? job.proof : undefined;
  const values = output && shape ? output.map((v, i) => Number(v) / 2 ** (shape.outputScales[i] ?? 0)) : undefined;
  const labels = shape?.labels ?? [];
  let label: string | undefined;
  if (values && labels.length === values.length) {
    label = labels[values.reduce((best, v, i) => (v > values[best]! ? i : best), 0)];
  }
  const timings: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(job.timings)) {
    if (typeof value === "number") timings[key] = key.endsWith("Ms") ? value : new Date(value).toISOString();
  }
  return {
    jobId: job.jobId.toString(),
    state: job.state,
    model: model?.name,
    modelId: job.modelId.toString(),
    requester: job.requester,
    amount: job.amount.toString(),
    deadline: job.deadline.toString(),
    inputCommitment: job.inputCommitment.toString(),
    output: output ? { raw: output.map(String), values: values ?? [], label } : null,
    proof: proof ? { publicSignals: proof.publicSignals, proof: proof.proof } : null,
    txHashes: job.txHashes,
    attempts: job.attempts,
    timings,
    error: job.error ?? null,
  };
}
