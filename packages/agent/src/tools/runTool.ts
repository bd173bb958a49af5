import { formatToolOutput } from "./formatToolOutput.ts";

/**
 * Runs a tool body and always returns text: the result as JSON, or "Error: <what went wrong>" so
 * the model reads the failure instead of the agent loop crashing.
 *
 * @example
 * await runTool(async () => ({ ok: 1 })); // '{"ok":1}'
 */
export async function runTool(body: () => Promise<unknown>): Promise<string> {
  try {
    const result = await body();
    return typeof result === "string" ? result : formatToolOutput(result);
  } catch (error) {
    const message =
      error instanceof Error
        ? "shortMessage" in error && typeof error.shortMessage === "string"
          ? error.shortMessage
          : error.message
        : String(error);
    return `Error: ${message}`;
  }
}
