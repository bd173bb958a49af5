import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { JOB_STATES, type JobState } from "../store/types.ts";

export type CreateMetricsParameters = {
  /** Read at every scrape, so the figures are the store's, including jobs from before a restart. */
  jobCounts: () => Record<JobState, number>;
  queue: () => { depth: number; running: number; limit: number };
  /** Node's process metrics (RSS, heap, event-loop lag, GC). Default true. */
  processMetrics?: boolean;
};

export type WorkerMetrics = {
  registry: Registry;
  proveSeconds: Histogram;
  inferenceSeconds: Histogram;
  httpRequests: Counter<"method" | "route" | "status">;
  /** The text a Prometheus server scrapes from GET /metrics. */
  render(): Promise<string>;
  contentType: string;
};

export type CreateMetricsReturnType = WorkerMetrics;

/**
 * The worker's Prometheus metrics on a registry of its own: jobs by state, queue depth, prove time, inference latency,
 * HTTP requests by route and status, and Node's process metrics.
 *
 * @example
 * const metrics = createMetrics({ jobCounts: () => store.countByState(), queue: () => ({ depth: 0, running: 0, limit: 32 }) });
 * metrics.proveSeconds.observe(0.6);
 */
export function createMetrics({
  jobCounts,
  queue,
  processMetrics = true,
}: CreateMetricsParameters): CreateMetricsReturnType {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  new Gauge({
    name: "convergence_worker_jobs",
    help: "Jobs this worker knows, by state (open, received, proving, submitted, settled, failed).",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const counts = jobCounts();
      for (const state of JOB_STATES) this.set({ state }, counts[state]);
    },
  });
  new Gauge({
    name: "convergence_worker_queue_depth",
    help: "Jobs with their input delivered, waiting for a prover thread.",
    registers: [registry],
    collect() {
      this.set(queue().depth);
    },
  });
  new Gauge({
    name: "convergence_worker_queue_running",
    help: "Jobs being proven and settled now.",
    registers: [registry],
    collect() {
      this.set(queue().running);
    },
  });
  new Gauge({
    name: "convergence_worker_queue_limit",
    help: "Waiting jobs beyond which input deliveries get 429.",
    registers: [registry],
    collect() {
      this.set(queue().limit);
    },
  });
  const proveSeconds = new Histogram({
    name: "convergence_worker_prove_seconds",
    help: "Groth16 prove time per job, in a prover thread.",
    buckets: [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64],
    registers: [registry],
  });
  const inferenceSeconds = new Histogram({
    name: "convergence_worker_inference_seconds",
    help: "onnxruntime-node inference time per POST /v1/inference request (quantize, run, dequantize).",
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1],
    labelNames: ["model"],
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: "convergence_worker_http_requests_total",
    help: "HTTP requests by method, route and status.",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  return {
    registry,
    proveSeconds,
    inferenceSeconds,
    httpRequests,
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
