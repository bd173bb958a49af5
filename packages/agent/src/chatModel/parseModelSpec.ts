import { UnknownModelError } from "../errors/model.ts";

export type ModelSpec = { provider: "embedded" } | { provider: "openai" | "ollama"; name: string };

export type ParseModelSpecParameters = { spec: string };

/**
 * Reads `embedded`, `openai:<model>` or `ollama:<model>` (case-insensitive provider).
 *
 * @example
 * parseModelSpec({ spec: "ollama:llama3.1" }); // { provider: "ollama", name: "llama3.1" }
 */
export function parseModelSpec({ spec }: ParseModelSpecParameters): ModelSpec {
  const trimmed = spec.trim();
  if (trimmed.toLowerCase() === "embedded") return { provider: "embedded" };
  const match = /^(openai|ollama):(.+)$/i.exec(trimmed);
  if (!match || match[2]!.trim() === "") throw new UnknownModelError({ spec });
  return { provider: match[1]!.toLowerCase() as "openai" | "ollama", name: match[2]!.trim() };
}
