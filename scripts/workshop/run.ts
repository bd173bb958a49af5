/**
 * `pnpm workshop <n>`: runs workshop step n (scripts/workshop/NN-*.ts). `pnpm workshop` lists the steps.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = import.meta.dirname;
const steps = readdirSync(dir)
  .filter((f) => /^\d\d-.+\.ts$/.test(f))
  .sort();
const arg = process.argv[2];
const n = Number(arg);
const file = steps.find((f) => Number(f.slice(0, 2)) === n);
if (arg === undefined || !file) {
  if (arg !== undefined) process.stderr.write(`There is no workshop step ${JSON.stringify(arg)}.\n`);
  process.stderr.write(
    `Usage: pnpm workshop <n>\n${steps.map((f) => `  ${Number(f.slice(0, 2))}  ${f}`).join("\n")}\n`,
  );
  process.exit(arg === undefined ? 0 : 2);
}
process.stdout.write(`== Workshop step ${n}: ${file} (docs/workshop/${file.replace(/\.ts$/, ".md")})\n\n`);
try {
  await import(join(dir, file));
} catch (error) {
  process.stderr.write(`\nError: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
