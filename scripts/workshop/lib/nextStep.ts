/**
 * Ends a step: what was learned, and the command for the next one.
 *
 * @example
 * nextStep({ command: "pnpm workshop 3" });
 */
export function nextStep({ command, note }: { command: string; note?: string }): void {
  process.stdout.write(`\n${note ? `${note}\n` : ""}Next: ${command}\n`);
}
