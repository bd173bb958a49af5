/**
 * The UTC calendar day of a time, as the ledger keys it.
 *
 * @example
 * utcDay(new Date("2026-03-01T23:59:00Z")); // "2026-03-01"
 */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
