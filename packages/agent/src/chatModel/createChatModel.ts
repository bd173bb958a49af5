import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI, ChatOpenAICompletions } from "@langchain/openai";
import { MissingApiKeyError } from "../errors/model.ts";
import { EmbeddedIntentModel } from "./EmbeddedIntentModel.ts";
import { parseModelSpec } from "./parseModelSpec.ts";

export type CreateChatModelParameters = {
  /** `embedded`, `openai:<model>` or `ollama:<model>`; default CONVERGENCE_MODEL, else `embedded`. */
  model?: string;
  /** Where OPENAI_API_KEY, OPENAI_BASE_URL, OLLAMA_BASE_URL and CONVERGENCE_MODEL are read (default process.env). */
  env?: Record<string, string | undefined>;
  /** Retries on a failed request (default 2). */
  maxRetries?: number;
};

export const DEFAULT_OLLAMA_BASE_URL = "http://127.0.0.1:11434";

/**
 * The chat model behind the agent. `embedded` is the deterministic intent model (no network, no key).
 * `openai:<model>` honours OPENAI_API_KEY and OPENAI_BASE_URL: with a base URL it speaks the
 * chat-completions protocol to any OpenAI-compatible server (vLLM, llama.cpp, Ollama's /v1), where
 * the key may be omitted; without one it needs the key. `ollama:<model>` honours OLLAMA_BASE_URL
 * (default http://127.0.0.1:11434). Connection failures surface at the first call; see toProviderError.
 *
 * @example
 * const model = createChatModel({ model: "openai:qwen2.5-7b-instruct", env: { OPENAI_BASE_URL: "http://127.0.0.1:8000/v1" } });
 */
export function createChatModel({
  model,
  env = process.env,
  maxRetries = 2,
}: CreateChatModelParameters = {}): BaseChatModel {
  const spec = parseModelSpec({ spec: model ?? env.CONVERGENCE_MODEL ?? "embedded" });
  if (spec.provider === "embedded") return new EmbeddedIntentModel();
  if (spec.provider === "ollama") {
    return new ChatOllama({
      model: spec.name,
      baseUrl: env.OLLAMA_BASE_URL || DEFAULT_OLLAMA_BASE_URL,
      temperature: 0,
    });
  }
  const baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
  const apiKey = env.OPENAI_API_KEY?.trim() || undefined;
  if (!apiKey && !baseURL) throw new MissingApiKeyError({ provider: "openai", setting: "OPENAI_API_KEY" });
  const fields = {
    model: spec.name,
    // Local OpenAI-compatible servers ignore the key, but the client requires one.
    apiKey: apiKey ?? "not-needed",
    temperature: 0,
    maxRetries,
    configuration: baseURL ? { baseURL } : {},
  };
  return baseURL ? new ChatOpenAICompletions(fields) : new ChatOpenAI(fields);
}
