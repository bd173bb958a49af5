import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI, ChatOpenAICompletions } from "@langchain/openai";
import { describe, expect, it } from "vitest";
import { MissingApiKeyError } from "../errors/model.ts";
import { createChatModel } from "./createChatModel.ts";
import { EmbeddedIntentModel } from "./EmbeddedIntentModel.ts";

describe("createChatModel", () => {
  it("defaults to the embedded model, or CONVERGENCE_MODEL", () => {
    expect(createChatModel({ env: {} })).toBeInstanceOf(EmbeddedIntentModel);
    expect(createChatModel({ env: { CONVERGENCE_MODEL: "ollama:llama3.1" } })).toBeInstanceOf(ChatOllama);
    expect(createChatModel({ model: "embedded", env: { CONVERGENCE_MODEL: "ollama:x" } })).toBeInstanceOf(
      EmbeddedIntentModel,
    );
  });
  it("needs OPENAI_API_KEY for OpenAI itself and names it", () => {
    expect(() => createChatModel({ model: "openai:gpt-4o-mini", env: {} })).toThrow(MissingApiKeyError);
    expect(() => createChatModel({ model: "openai:gpt-4o-mini", env: {} })).toThrow(/OPENAI_API_KEY is not set/);
    expect(createChatModel({ model: "openai:gpt-4o-mini", env: { OPENAI_API_KEY: "sk" } })).toBeInstanceOf(ChatOpenAI);
  });
  it("speaks chat completions to an OpenAI-compatible server, key optional", () => {
    const model = createChatModel({ model: "openai:qwen", env: { OPENAI_BASE_URL: "http://127.0.0.1:8000/v1" } });
    expect(model).toBeInstanceOf(ChatOpenAICompletions);
  });
  it("points Ollama at OLLAMA_BASE_URL or the default", () => {
    const custom = createChatModel({ model: "ollama:llama3.1", env: { OLLAMA_BASE_URL: "http://10.0.0.2:11434" } });
    expect((custom as ChatOllama).baseUrl).toBe("http://10.0.0.2:11434");
    expect((createChatModel({ model: "ollama:llama3.1", env: {} }) as ChatOllama).baseUrl).toBe(
      "http://127.0.0.1:11434",
    );
  });
});
