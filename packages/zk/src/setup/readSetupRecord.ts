import { readFile } from "node:fs/promises";
import type { SetupRecord } from "./setupCircuit.ts";

/**
 * Reads a `setup.json`, filling in what records written before a field existed lack: `attestations` (none: the
 * setup is unattributed) and `published` (false).
 *
 * @example
 * const record = await readSetupRecord({ path: join(circuit.dir, "setup.json") });
 */
export async function readSetupRecord({ path }: { path: string }): Promise<SetupRecord> {
  const record = JSON.parse(await readFile(path, "utf8")) as Partial<SetupRecord> & Omit<SetupRecord, "attestations">;
  return { ...record, attestations: record.attestations ?? [], published: record.published ?? false };
}
