import { fileURLToPath } from "node:url";

/** The repository root (where pnpm-workspace.yaml is), from this file's place in packages/agent/src/corpus. */
export function workspaceRoot(): string {
  return fileURLToPath(new URL("../../../../", import.meta.url));
}
