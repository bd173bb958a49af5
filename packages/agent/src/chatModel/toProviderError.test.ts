import { describe, expect, it } from "vitest";
import { ProviderUnreachableError } from "../errors/model.ts";
import { createChatModel } from "./createChatModel.ts";
import { toProviderError } from "./toProviderError.ts";

describe("toProviderError", () => {
  const ollama = createChatModel({ model: "ollama:x", env: { OLLAMA_BASE_URL: "http://127.0.0.1:1" } });
  it("names the setting for connection failures", () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }),
    });
    const error = toProviderError({ error: refused, model: ollama });
    expect(error).toBeInstanceOf(ProviderUnreachableError);
    expect((error as Error).message).toMatch(/http:\/\/127\.0\.0\.1:1 \(OLLAMA_BASE_URL\)/);
  });
  it("leaves other errors alone", () => {
    const other = new Error("model not found");
    expect(toProviderError({ error: other, model: ollama })).toBe(other);
  });
});
