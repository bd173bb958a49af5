import { InvalidArgumentError } from "../errors.ts";

/**
 * Parses an `--allow-origin` value: an http(s) origin, scheme://host[:port] with nothing after it, as a browser
 * sends it in the Origin header (no trailing slash, default ports left out).
 *
 * @example
 * parseAllowedOrigin("http://127.0.0.1:5173"); // "http://127.0.0.1:5173"
 */
export function parseAllowedOrigin(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {}
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== value) {
    throw new InvalidArgumentError({
      argument: "--allow-origin",
      value,
      expected: `an http(s) origin, scheme://host[:port] with no path or trailing slash, such as http://127.0.0.1:5173${url && url.origin !== "null" && url.origin !== value ? ` (did you mean ${url.origin}?)` : ""}`,
    });
  }
  return value;
}
