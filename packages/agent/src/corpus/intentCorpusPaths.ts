import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";

export type IntentCorpusPathsReturnType = {
  /** The agent package's public corpus (`packages/agent/intents/public.jsonl`): what the README promises it plans. */
  public: string;
  /** The agent package's held-out paraphrases (`packages/agent/test/fixtures/heldout.jsonl`). */
  heldout: string;
};

/**
 * Where the project's two intent corpora are, both inside the repository.
 *
 * @example
 * readIntentCorpus({ path: intentCorpusPaths().public });
 */
export function intentCorpusPaths(): IntentCorpusPathsReturnType {
  const agent = join(workspaceRoot(), "packages", "agent");
  return {
    public: join(agent, "intents", "public.jsonl"),
    heldout: join(agent, "test", "fixtures", "heldout.jsonl"),
  };
}
