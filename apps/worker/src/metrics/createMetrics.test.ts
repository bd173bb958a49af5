import { describe, expect, it } from "vitest";
import { createMetrics } from "./createMetrics.ts";

describe("createMetrics", () => {
  it("renders jobs by state, the queue, prove and inference histograms in Prometheus text", async () => {
    let settled = 1;
    const metrics = createMetrics({
      jobCounts: () => ({ open: 2, received: 1, proving: 1, submitted: 0, settled, failed: 0 }),
      queue: () => ({ depth: 3, running: 1, limit: 32 }),
      processMetrics: false,
    });
    metrics.proveSeconds.observe(0.6);
    metrics.inferenceSeconds.observe({ model: "risk-v1" }, 0.0004);
    metrics.httpRequests.inc({ method: "POST", route: "/v1/inference", status: "200" });
    settled = 5;
    const text = await metrics.render();
    expect(text).toContain('convergence_worker_jobs{state="open"} 2');
    expect(text).toContain('convergence_worker_jobs{state="settled"} 5');
    expect(text).toContain("convergence_worker_queue_depth 3");
    expect(text).toContain("convergence_worker_queue_running 1");
    expect(text).toContain("convergence_worker_queue_limit 32");
    expect(text).toContain('convergence_worker_prove_seconds_bucket{le="1"} 1');
    expect(text).toContain('convergence_worker_prove_seconds_bucket{le="0.5"} 0');
    expect(text).toContain('convergence_worker_inference_seconds_count{model="risk-v1"} 1');
    expect(text).toContain(
      'convergence_worker_http_requests_total{method="POST",route="/v1/inference",status="200"} 1',
    );
    expect(text).not.toContain("process_resident_memory_bytes");
    expect(metrics.contentType).toMatch(/^text\/plain/);
  });

  it("includes the process metrics (RSS) by default, on its own registry", async () => {
    const queue = () => ({ depth: 0, running: 0, limit: 1 });
    const jobCounts = () => ({ open: 0, received: 0, proving: 0, submitted: 0, settled: 0, failed: 0 });
    const a = createMetrics({ jobCounts, queue });
    // A second instance (tests, or two workers in one process) must not collide on a global registry.
    const b = createMetrics({ jobCounts, queue });
    expect(await a.render()).toMatch(/process_resident_memory_bytes \d+/);
    expect(await b.render()).toContain("convergence_worker_jobs");
  });
});
