export type CliErrorParameters = { details?: string; metaMessages?: string[]; cause?: unknown };

/** Root of every error the CLI itself raises. Errors from packages keep their own class. */
export class CliError extends Error {
  override name = "CliError";
  readonly shortMessage: string;
  readonly metaMessages: string[];
  constructor(shortMessage: string, { details, metaMessages = [], cause }: CliErrorParameters = {}) {
    super(
      [shortMessage, details ? `Details: ${details}` : undefined, ...metaMessages].filter(Boolean).join("\n"),
      cause === undefined ? undefined : { cause },
    );
    this.shortMessage = shortMessage;
    this.metaMessages = metaMessages;
  }
}

/** A command-line argument or option with a bad value: names it and the expected form. */
export class InvalidArgumentError extends CliError {
  override name = "InvalidArgumentError";
  constructor({ argument, value, expected }: { argument: string; value: string; expected: string }) {
    super(`Invalid ${argument}: ${JSON.stringify(value)}. Expected ${expected}.`);
  }
}

/** The JSON-RPC endpoint did not answer. */
export class RpcUnreachableError extends CliError {
  override name = "RpcUnreachableError";
  constructor({ url, reason }: { url: string; reason: string }) {
    super(`No JSON-RPC answer from ${url} (${reason}).`, {
      metaMessages: [
        "Start the local chain with `pnpm chain`, or point --rpc (or CONVERGENCE_RPC_URL) at a running node.",
      ],
    });
  }
}

/** A setting (environment variable or option) that must be set or changed. */
export class SettingError extends CliError {
  override name = "SettingError";
  constructor({ setting, problem, fix }: { setting: string; problem: string; fix: string }) {
    super(`${setting}: ${problem}`, { metaMessages: [fix] });
  }
}

/** The CLI could not be built into apps/cli/dist/ (see launcher/buildCli.ts). */
export class CliBuildError extends CliError {
  override name = "CliBuildError";
  constructor({ step, cause }: { step: string; cause: unknown }) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Could not build the convergence CLI (${step}): ${reason}`, {
      cause,
      metaMessages: [
        "Expected the workspace's TypeScript to bundle and every subcommand to load. Fix the error above (it names the file), or run `pnpm install` if a package is missing.",
        "To run from the sources meanwhile: CONVERGENCE_CLI_FROM_SOURCE=1 pnpm convergence <command>.",
      ],
    });
  }
}

/** `convergence zk verify-setup`: the proving key does not match the circuit and the ptau (snarkjs zkey verify). */
export class SetupInvalidError extends CliError {
  override name = "SetupInvalidError";
  constructor({ zkey, circuit, ptau, problems }: { zkey: string; circuit: string; ptau: string; problems: string[] }) {
    super(`The proving key ${zkey} does not verify against circuit ${circuit}'s r1cs and the ptau (${ptau}).`, {
      ...(problems.length ? { details: `snarkjs: ${problems.slice(0, 3).join("; ")}` } : {}),
      metaMessages: [
        "Expected a key made from this circuit and this phase 1, every contribution replayable (snarkjs zkey verify). It may be another circuit's key, a tampered or truncated file, or made from another ptau.",
        "Do not prove or register with it: make the setup again as the publisher (pnpm convergence zk setup --force) or fetch the published key again.",
      ],
    });
  }
}

/** The worker describes a pinned model's input or output layout otherwise than the pin's source does. */
export class WorkerLayoutMismatchError extends CliError {
  override name = "WorkerLayoutMismatchError";
  constructor({
    model,
    workerUrl,
    field,
    pinned,
    advertised,
  }: {
    model: string;
    workerUrl: string;
    field: string;
    pinned: string;
    advertised: string;
  }) {
    super(
      `The worker at ${workerUrl} advertises ${model}'s ${field} as ${advertised}, but the pinned release says ${pinned}: nothing was paid.`,
      {
        metaMessages: [
          "A worker that rescales the input or relabels the outputs gets a valid proof of another question, or an answer read wrongly.",
          "Use a worker that serves the model as released, or pin the release you mean (--pin).",
        ],
      },
    );
  }
}
