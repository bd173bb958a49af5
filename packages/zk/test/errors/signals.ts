import { BaseError } from "../../src/index.ts";

/**
 * A forgery or a witness comparison named a signal the circuit does not have. Skipping it would turn
 * an attack test into a no-op after a rename, so the lookup fails instead.
 */
export class MissingSignalError extends BaseError {
  override name = "MissingSignalError";
  constructor({
    signal,
    circuit,
    sym,
    siblings,
  }: { signal: string; circuit: string; sym: string; siblings: string[] }) {
    const component = signal.slice(0, signal.lastIndexOf("."));
    super(`Circuit ${circuit} has no signal named "${signal}".`, {
      details: `Expected "${signal}" in ${sym}; ${
        siblings.length > 0
          ? `${component} has ${siblings.slice(0, 5).join(", ")}${siblings.length > 5 ? ", ..." : ""}`
          : `no signal starts with "${component}."`
      }.`,
      metaMessages: [
        "A renamed template, component or signal changes the names below it: update the test's name (and circuitSignals) so the forgery still edits the signal it attacks.",
      ],
    });
  }
}

/** Every edited signal was optimised away: the "forged" witness would be the honest one. */
export class NothingForgedError extends BaseError {
  override name = "NothingForgedError";
  constructor({ circuit, edits }: { circuit: string; edits: string[] }) {
    super(`None of the ${edits.length} edited signals of ${circuit} has a wire: nothing was forged.`, {
      details: `Expected at least one edit on a wire the optimiser kept; edited ${edits.slice(0, 5).join(", ")}${edits.length > 5 ? ", ..." : ""}.`,
      metaMessages: [
        "Edit a signal that the .sym file gives a wire (not -1), or the attack test checks the honest witness.",
      ],
    });
  }
}
