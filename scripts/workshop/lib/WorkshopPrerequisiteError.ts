/** A workshop step needs something an earlier step makes: says what, and the command that makes it. */
export class WorkshopPrerequisiteError extends Error {
  override name = "WorkshopPrerequisiteError";
  constructor({ missing, fix }: { missing: string; fix: string }) {
    super(`This step needs ${missing}. Run first:\n  ${fix}`);
  }
}
