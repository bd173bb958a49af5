import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkerAnswerTooLargeError, WorkerUnreachableError } from "../../errors/worker.ts";
import { requestWorker, WORKER_ANSWER_MAX_BYTES } from "./requestWorker.ts";

/** A real HTTP server playing a hostile worker: redirects and oversized answers. */
let server: Server;
let base: string;
const hits: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    switch (req.url) {
      case "/v1/ok":
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ fine: true }));
        return;
      case "/v1/redirect":
        // Points the requester at another address (an internal service, in an attack).
        res.writeHead(307, { location: "/internal/admin" }).end();
        return;
      case "/v1/declared-large":
        res.writeHead(200, { "content-length": String(WORKER_ANSWER_MAX_BYTES + 1) });
        res.write("{");
        return; // never finishes: the client must stop on the declared length alone
      case "/v1/streamed-large": {
        res.writeHead(200, { "content-type": "application/json" });
        const chunk = " ".repeat(64 * 1024);
        for (let i = 0; i < 5; i++) res.write(chunk);
        res.end("{}");
        return;
      }
      default:
        res.writeHead(404, { "content-type": "application/json" }).end("{}");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("requestWorker", () => {
  it("reads a JSON answer", async () => {
    expect(await requestWorker({ workerUrl: base, method: "GET", path: "/v1/ok" })).toEqual({
      status: 200,
      body: { fine: true },
    });
  });

  it("does not follow a redirect: WorkerUnreachableError naming the URL, the target never asked", async () => {
    const error = await requestWorker({ workerUrl: base, method: "POST", path: "/v1/redirect", body: { a: 1 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkerUnreachableError);
    expect((error as Error).message).toContain(`${base}/v1/redirect`);
    expect((error as Error).message).toMatch(/redirect, which is not followed/);
    expect(hits).not.toContain("/internal/admin");
  });

  it("cuts off an answer over 256 kB, declared or streamed: WorkerAnswerTooLargeError naming the URL and the cap", async () => {
    for (const path of ["/v1/declared-large", "/v1/streamed-large"]) {
      const error = await requestWorker({ workerUrl: base, method: "GET", path, timeoutMs: 5_000 }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WorkerAnswerTooLargeError);
      expect(error).toMatchObject({ url: `${base}${path}`, maxBytes: 262_144 });
      expect((error as Error).message).toContain(`${base}${path} is larger than 262144 bytes`);
    }
  });
});
