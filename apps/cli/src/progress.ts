import { performance } from "node:perf_hooks";

export type Step = {
  /** Updates the line under way, e.g. with a sub-step or a percentage. */
  update(message: string): void;
};

export type RunStepParameters<T> = {
  title: string;
  /** With --json, progress goes nowhere so stdout stays one JSON object; stderr stays quiet too. */
  quiet?: boolean;
  run: (step: Step) => Promise<T>;
};

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/**
 * Runs one long step and reports it on stderr with the elapsed time: a line when it starts, updates
 * while it runs, and a closing line with ✔ or ✖.
 */
export async function runStep<T>({ title, quiet = false, run }: RunStepParameters<T>): Promise<T> {
  const start = performance.now();
  const write = (line: string) => {
    if (!quiet) process.stderr.write(`${line}\n`);
  };
  write(`… ${title}`);
  try {
    const result = await run({ update: (message) => write(`  ${title}: ${message} (${seconds(start)})`) });
    write(`✔ ${title} (${seconds(start)})`);
    return result;
  } catch (error) {
    write(`✖ ${title} (${seconds(start)})`);
    throw error;
  }
}
