/** A success rate as people read it: `100%`, `87.5%` (at most one decimal). */
export function formatPercent(value: number): string {
  return `${Number(value.toFixed(1))}%`;
}
