/**
 * A tool's result as the text the model reads: JSON, with bigints as decimal strings.
 *
 * @example
 * formatToolOutput({ hash: "0x01", gasUsed: 21000n }); // '{"hash":"0x01","gasUsed":"21000"}'
 */
export function formatToolOutput(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "null";
}
