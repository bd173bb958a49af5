import type { z } from "zod";

/**
 * One line per schema problem, naming where it is.
 *
 * @example
 * formatIssues(result.error, "body") // ["input[2]: Invalid input: expected number, received string"]
 */
export function formatIssues(error: z.ZodError, root: string): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (at, key) => (typeof key === "number" ? `${at}[${key}]` : at ? `${at}.${String(key)}` : String(key)),
      "",
    );
    return `${path || root}: ${issue.message}`;
  });
}
