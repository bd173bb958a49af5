import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOllama } from "@langchain/ollama";
import { BaseChatOpenAI } from "@langchain/openai";
import { ProviderUnreachableError } from "../errors/model.ts";
import { DEFAULT_OLLAMA_BASE_URL } from "./createChatModel.ts";

export type ToProviderErrorParameters = { error: unknown; model: BaseChatModel };

const connectionCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function isConnectionError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, code, message } = e as { name?: string; code?: string; message?: string };
    if (code && connectionCodes.has(code)) return true;
    if (name === "APIConnectionError" || name === "APIConnectionTimeoutError") return true;
    if (typeof message === "string" && /fetch failed|ECONNREFUSED|Connection error/i.test(message)) return true;
  }
  return false;
}

/**
 * Turns a failed model call into an error that names the setting to fix when the server could not
 * be reached (OPENAI_BASE_URL, OLLAMA_BASE_URL); other errors come back unchanged.
 *
 * @example
 * try { await model.invoke(messages) } catch (error) { throw toProviderError({ error, model }) }
 */
export function toProviderError({ error, model }: ToProviderErrorParameters): unknown {
  if (!isConnectionError(error)) return error;
  if (model instanceof ChatOllama) {
    const url = (model as unknown as { baseUrl?: string }).baseUrl ?? DEFAULT_OLLAMA_BASE_URL;
    return new ProviderUnreachableError({ provider: "Ollama", setting: "OLLAMA_BASE_URL", url, cause: error });
  }
  if (model instanceof BaseChatOpenAI) {
    const url =
      (model as unknown as { clientConfig?: { baseURL?: string } }).clientConfig?.baseURL ??
      "https://api.openai.com/v1";
    return new ProviderUnreachableError({
      provider: "OpenAI-compatible",
      setting: "OPENAI_BASE_URL",
      url,
      cause: error,
    });
  }
  return error;
}
