import { CliError } from "../errors.ts";

/** A step of `convergence demo` or `convergence devnet` failed: names the step and what to try. */
export class DemoStepError extends CliError {
  override name = "DemoStepError";
  readonly step: string;
  constructor({ step, cause }: { step: string; cause: unknown }) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Demo step "${step}" failed: ${reason}`, {
      cause,
      metaMessages: [
        "Run `pnpm convergence doctor` to check the toolchain, the zk cache and the chain; CONVERGENCE_DEBUG=1 prints the stack.",
      ],
    });
    this.step = step;
  }
}
