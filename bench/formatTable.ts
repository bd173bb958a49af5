import type { BenchSection } from "./types.ts";

/** Renders a section as an aligned text table. */
export function formatTable(section: BenchSection): string {
  const columns = [...new Set(section.rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: string | number | undefined) =>
    value === undefined ? "" : typeof value === "number" ? formatNumber(value) : value;
  const widths = columns.map((column) =>
    Math.max(column.length, ...section.rows.map((row) => cell(row[column]).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((text, i) => text.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    `## ${section.name}`,
    line(columns),
    line(widths.map((width) => "-".repeat(width))),
    ...section.rows.map((row) => line(columns.map((column) => cell(row[column])))),
    ...(section.notes ?? []).map((note) => `  * ${note}`),
  ].join("\n");
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toLocaleString("en-US", { maximumFractionDigits: Math.abs(value) < 10 ? 3 : 1 });
}
