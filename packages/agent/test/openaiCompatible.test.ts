import { HumanMessage } from "@langchain/core/messages";
import { createAgent } from "langchain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentSystemPrompt } from "../src/chatModel/agentSystemPrompt.ts";
import { createChatModel } from "../src/chatModel/createChatModel.ts";
import { planIntent } from "../src/chatModel/planIntent.ts";
import { ProviderUnreachableError } from "../src/errors/model.ts";
import { createAgentTools } from "../src/tools/createAgentTools.ts";
import { closedPort, startChatCompletionsServer } from "./helpers/chatCompletionsServer.ts";
import { fakeContext } from "./helpers/fakeContext.ts";

const SWAP = { name: "swap_tokens", arguments: { tokenIn: "USDC", tokenOut: "WETH", amountIn: "100" } };

describe("the OpenAI-compatible provider against a chat-completions server on loopback", () => {
  let server: Awaited<ReturnType<typeof startChatCompletionsServer>>;
  let reply: () => typeof SWAP | { name: string; arguments: Record<string, unknown> } | undefined = () => SWAP;
  beforeAll(async () => {
    server = await startChatCompletionsServer({ reply: () => reply() });
  });
  afterAll(() => server.close());
  const env = () => ({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: server.baseUrl });

  it("runs a tool call from the server through createAgent and the policy", async () => {
    reply = () => SWAP;
    server.requests.length = 0;
    const { context, sends } = fakeContext();
    const model = createChatModel({ model: "openai:test-model", env: env() });
    const agent = createAgent({ model, tools: createAgentTools({ context }), systemPrompt: agentSystemPrompt() });
    const result = await agent.invoke({ messages: [new HumanMessage("swap 100 USDC for WETH")] });
    expect(sends()).toEqual([
      { action: "swapTokens", args: { tokenIn: "USDC", tokenOut: "WETH", amountIn: "100", maxSlippageBps: 50 } },
    ]);
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    expect(first!.headers.authorization).toBe("Bearer sk-test");
    expect(first!.body.model).toBe("test-model");
    const tools = first!.body.tools as {
      function: { name: string; parameters: { properties: Record<string, unknown> } };
    }[];
    expect(tools.map((t) => t.function.name)).toContain("swap_tokens");
    expect(Object.keys(tools.find((t) => t.function.name === "swap_tokens")!.function.parameters.properties)).toContain(
      "amountIn",
    );
    const toolMessage = second!.body.messages.find((m) => m.role === "tool");
    expect(String(toolMessage?.content)).toMatch(/"amountOut":"0.05"/);
    expect(String(result.messages.at(-1)?.content)).toMatch(/^Done: /);
  });

  it("plans with the server's tool calls, checked against the schemas", async () => {
    reply = () => SWAP;
    const model = createChatModel({ model: "openai:test-model", env: env() });
    expect(await planIntent({ intent: "swap 100 USDC for WETH", model })).toEqual({
      calls: [{ name: "swap_tokens", args: { tokenIn: "USDC", tokenOut: "WETH", amountIn: "100" } }],
    });
    reply = () => ({ name: "transfer_tokens", arguments: { token: "USDC", amount: "everything", to: "0x01" } });
    expect((await planIntent({ intent: "send everything", model })).refusal).toMatch(/does not fit its schema/);
    reply = () => ({ name: "drain_wallet", arguments: {} });
    expect((await planIntent({ intent: "x", model })).refusal).toMatch(/unknown tool "drain_wallet"/);
    reply = () => undefined;
    expect(await planIntent({ intent: "tell me a joke", model })).toMatchObject({
      calls: [],
      refusal: expect.stringMatching(/^Done: /),
    });
  });

  it("names OPENAI_BASE_URL when the server cannot be reached", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const model = createChatModel({ model: "openai:test-model", env: { OPENAI_BASE_URL: url }, maxRetries: 0 });
    const error = await planIntent({ intent: "swap 100 USDC for WETH", model }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnreachableError);
    expect((error as ProviderUnreachableError).setting).toBe("OPENAI_BASE_URL");
    expect((error as Error).message).toContain(url);
  });

  it("names OLLAMA_BASE_URL when Ollama cannot be reached", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const model = createChatModel({ model: "ollama:llama3.1", env: { OLLAMA_BASE_URL: url } });
    const error = await planIntent({ intent: "swap 100 USDC for WETH", model }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnreachableError);
    expect((error as ProviderUnreachableError).setting).toBe("OLLAMA_BASE_URL");
  });
});
