import { BaseError } from "./base.ts";

export class CorpusNotFoundError extends BaseError {
  override name = "CorpusNotFoundError";
  constructor({ path }: { path: string }) {
    super(`Intent corpus not found at ${path}.`, {
      metaMessages: [
        "The public corpus lives in shared/intents/ beside the repository checkout (<repo>/../shared/intents/public.jsonl).",
        "Clone or copy the shared/ folder next to the repository, or pass the path explicitly.",
      ],
    });
  }
}

export class InvalidCorpusLineError extends BaseError {
  override name = "InvalidCorpusLineError";
  constructor({ path, line, problem }: { path: string; line: number; problem: string }) {
    super(`Line ${line} of ${path} is not a corpus entry: ${problem}.`, {
      metaMessages: ['Each line is {"intent": string, "calls": [{"name", "args", "condition"?}], "refuse"?: true}.'],
    });
  }
}
