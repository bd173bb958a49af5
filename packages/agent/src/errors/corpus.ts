import { BaseError } from "./base.ts";

export class CorpusNotFoundError extends BaseError {
  override name = "CorpusNotFoundError";
  constructor({ path }: { path: string }) {
    super(`Intent corpus not found at ${path}.`, {
      metaMessages: [
        "Expected a JSON-lines file of intents and their calls, such as packages/agent/intents/public.jsonl.",
        "Check the path (relative paths are read from the working directory).",
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
