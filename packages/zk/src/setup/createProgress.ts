/** A progress line from a long step (compile, setup, ptau checks). */
export type ProgressEvent = {
  /** What is happening, one line. */
  message: string;
  /** Milliseconds since the step started. */
  elapsedMs: number;
};
export type OnProgress = (event: ProgressEvent) => void;

/**
 * A progress reporter that stamps each message with the time elapsed since it was created.
 *
 * @example
 * const report = createProgress(({ message, elapsedMs }) => console.log(elapsedMs, message));
 * report("compiling");
 */
export function createProgress(onProgress: OnProgress | undefined): (message: string) => void {
  const started = performance.now();
  return (message) => onProgress?.({ message, elapsedMs: Math.round(performance.now() - started) });
}
