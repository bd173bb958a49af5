import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";

export type IntentCorpusPathsReturnType = {
  /** `<repo root>/../shared/intents/public.jsonl`: the shared corpus, beside the checkout. */
  public: string;
  /** The agent package's own held-out paraphrases. */
  heldout: string;
};

/**
 * Where the two intent corpora are.
 *
 * @example
 * readIntentCorpus({ path: intentCorpusPaths().public });
 */
export function intentCorpusPaths(): IntentCorpusPathsReturnType {
  const root = workspaceRoot();
  return {
    public: join(root, "..", "shared", "intents", "public.jsonl"),
    heldout: join(root, "packages", "agent", "test", "fixtures", "heldout.jsonl"),
  };
}
