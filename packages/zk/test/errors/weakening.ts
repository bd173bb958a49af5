import { BaseError } from "../../src/index.ts";

/** The text a deliberately weakened circuit edits is gone: compiling without the edit would test the sound circuit. */
export class WeakeningNotAppliedError extends BaseError {
  override name = "WeakeningNotAppliedError";
  constructor({ file, from, found }: { file: string; from: string; found: number }) {
    super(`Cannot weaken ${file}: expected exactly one "${from}", found ${found}.`, {
      details: "The circuit source changed, so the edit that removes the check no longer applies.",
      metaMessages: [`Update the weakening to the new form of ${file}, so the test still removes the check it names.`],
    });
  }
}
