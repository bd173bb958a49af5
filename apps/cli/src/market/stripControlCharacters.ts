/** C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F) control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * `text` without control characters, for printing text that came from a worker or a registration file (a URL, a
 * reason quoting its content): an ESC sequence in it would otherwise drive the user's terminal (clear the screen,
 * rewrite earlier lines, forge a link). Each is replaced by U+FFFD so the tampering stays visible.
 *
 * @example
 * say(`agent ${agentId} at ${stripControlCharacters({ text: listing.url })}`);
 */
export function stripControlCharacters({ text }: { text: string }): string {
  return text.replace(CONTROL_CHARACTERS, "\uFFFD");
}
