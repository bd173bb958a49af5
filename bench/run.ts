/**
 * `pnpm bench [suite ...]`: runs the suites in bench/suites/ (all, or the ones named), prints a table
 * per section and writes every figure to bench/results/latest.json.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import { formatTable } from "./formatTable.ts";
import type { BenchSection, BenchSuite } from "./types.ts";

const suitesDir = join(import.meta.dirname, "suites");
const available = readdirSync(suitesDir)
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
  .map((file) => basename(file, ".ts"))
  .sort();
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown bench suite ${unknown.join(", ")}. Available: ${available.join(", ")}.`);
  process.exit(2);
}
const selected = wanted.length > 0 ? wanted : available;

const sections: BenchSection[] = [];
const failures: { suite: string; error: string }[] = [];
for (const name of selected) {
  const start = performance.now();
  process.stderr.write(`… bench ${name}\n`);
  try {
    const suite = (await import(join(suitesDir, `${name}.ts`))) as BenchSuite;
    const result = await suite.run();
    for (const section of Array.isArray(result) ? result : [result]) {
      sections.push(section);
      process.stdout.write(`\n${formatTable(section)}\n`);
    }
    process.stderr.write(`✔ bench ${name} (${((performance.now() - start) / 1000).toFixed(1)} s)\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failures.push({ suite: name, error: message });
    process.stderr.write(`✖ bench ${name}: ${message}\n`);
  }
}

const resultsDir = join(import.meta.dirname, "results");
mkdirSync(resultsDir, { recursive: true });
const report = {
  generatedAt: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  suites: selected,
  sections,
  failures,
};
const path = join(resultsDir, "latest.json");
writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`\nWrote ${path}\n`);
// Suites start chains and worker threads; do not wait for stragglers.
process.exit(failures.length > 0 ? 1 : 0);
