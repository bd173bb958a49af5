import { getWorkerModels } from "@convergence/sdk";
import type { DashboardConfig } from "../config/dashboardConfig.ts";

/** What a model's outputs mean, as a worker serving it publishes it (GET /v1/models). */
export type ModelLayout = {
  name: string;
  /** One per output: the label (an MLP's class) or a circuit package's output name. */
  outputs: string[];
  /** Each output's fixed-point scale. */
  scales: number[];
  /** The worker that said so. */
  workerUrl: string;
};

/**
 * The names and scales of a model's outputs, from the first configured worker that serves it: the worker's word, used
 * only to label the attested values (the values themselves are the chain's).
 *
 * @example
 * const layout = await readModelLayout({ config, modelId: 1n });
 */
export async function readModelLayout({
  config,
  modelId,
}: {
  config: DashboardConfig;
  modelId: bigint;
}): Promise<ModelLayout | undefined> {
  for (const workerUrl of config.workers) {
    const models = await getWorkerModels({ workerUrl, timeoutMs: 3_000 }).catch(() => []);
    const model = models.find((m) => m.modelId === modelId.toString());
    if (!model) continue;
    const outputs = model.outputs?.map((o) => o.name) ?? model.labels;
    const scales = model.outputs?.map((o) => o.scale) ?? model.labels.map(() => model.scale);
    return { name: model.name, outputs, scales, workerUrl };
  }
  return undefined;
}
