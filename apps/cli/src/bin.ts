#!/usr/bin/env -S pnpm exec tsx
import { createProgram } from "./program.ts";

try {
  await (await createProgram({ argv: process.argv })).parseAsync(process.argv);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Error: ${message}\n`);
  if (process.env.CONVERGENCE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
}
