import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

// A tiny OpenAI-compatible chat-completions server on 127.0.0.1 (random port) for tests: it answers
// the first turn with the tool call `reply` gives, and a turn that carries tool results with text.
// Speaks both the JSON and the streaming (SSE) forms of the protocol.

export type ChatRequest = {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown> & { messages: { role: string; content: unknown }[] };
};
export type ToolCallReply = { name: string; arguments: Record<string, unknown> } | undefined;

export async function startChatCompletionsServer({ reply }: { reply: (request: ChatRequest) => ToolCallReply }) {
  const requests: ChatRequest[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { message: "not found" } }));
        return;
      }
      const body = JSON.parse(raw) as ChatRequest["body"];
      const request = { headers: req.headers, body };
      requests.push(request);
      const last = body.messages.at(-1);
      const call = last?.role === "tool" ? undefined : reply(request);
      const toolCalls = call
        ? [
            {
              index: 0,
              id: `call_${requests.length}`,
              type: "function",
              function: { name: call.name, arguments: JSON.stringify(call.arguments) },
            },
          ]
        : undefined;
      const content = call ? null : `Done: ${String(last?.content ?? "")}`;
      const finish = call ? "tool_calls" : "stop";
      const base = { id: `chatcmpl-${requests.length}`, created: 0, model: String(body.model) };
      if (body.stream) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        const chunk = (delta: unknown, finishReason: string | null) =>
          `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
        res.write(
          chunk({ role: "assistant", content: content ?? "", ...(toolCalls ? { tool_calls: toolCalls } : {}) }, null),
        );
        res.write(chunk({}, finish));
        res.end("data: [DONE]\n\n");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ...base,
          object: "chat.completion",
          choices: [
            {
              index: 0,
              message: { role: "assistant", content, tool_calls: toolCalls?.map(({ index: _, ...c }) => c) },
              finish_reason: finish,
            },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on 127.0.0.1 with nothing listening (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
