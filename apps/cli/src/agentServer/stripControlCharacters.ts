/**
 * C0 and C1 control characters (but tab and newline), DEL, and the bidirectional overrides and isolates, which can
 * make echoed text read differently from what it is (a terminal escape, a reversed address).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Removes control characters from text the agent endpoint echoes (an intent, a tool's output), keeping tab and
 * newline.
 *
 * @example
 * stripControlCharacters({ text: "wrap 1 ETH\u001b[2J" }); // "wrap 1 ETH[2J"
 */
export function stripControlCharacters({ text }: { text: string }): string {
  return text.replace(CONTROL, "");
}
