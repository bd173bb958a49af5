import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkerRegistrationInvalidError, WorkerRegistrationUnreachableError } from "../../errors/registration.ts";
import { buildWorkerRegistration } from "./buildWorkerRegistration.ts";
import { getWorkerRegistration } from "./getWorkerRegistration.ts";
import { WORKER_REGISTRATION_MAX_BYTES } from "./workerRegistration.ts";

const file = buildWorkerRegistration({
  endpoint: "http://127.0.0.1:8080",
  agentId: 4n,
  chainId: 31337,
  agentRegistry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  models: [
    {
      name: "risk-v1",
      modelId: 1n,
      commitment: 42n,
      vkeyHash: `0x${"cd".repeat(32)}`,
      verifier: "0x1111111111111111111111111111111111111111",
      price: 160_000n,
      token: "0x2222222222222222222222222222222222222222",
    },
  ],
});
const json = JSON.stringify(file);

/** A real HTTP server with one route per case. */
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case "/ok.json":
        res.writeHead(200, { "content-type": "application/json" }).end(json);
        return;
      case "/missing.json":
        res.writeHead(404).end("not here");
        return;
      case "/declared-large.json":
        res.writeHead(200, { "content-length": String(WORKER_REGISTRATION_MAX_BYTES + 1) });
        res.write("{");
        return; // never finishes: the client must stop on the declared length alone
      case "/streamed-large.json": {
        // No content-length: chunked, past the cap.
        res.writeHead(200, { "content-type": "application/json" });
        const chunk = " ".repeat(16 * 1024);
        for (let i = 0; i < 6; i++) res.write(chunk);
        res.end("{}");
        return;
      }
      case "/redirect.json":
        res.writeHead(302, { location: "/ok.json" }).end();
        return;
      case "/slow.json":
        return; // never answers
      case "/html":
        res.writeHead(200, { "content-type": "text/html" }).end("<html>a parked domain</html>");
        return;
      case "/invalid.json":
        res.writeHead(200).end(JSON.stringify({ ...file, models: [{ ...file.models[0], verifier: "nope" }] }));
        return;
      default:
        res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function unreachable(agentURI: string, timeoutMs?: number): Promise<WorkerRegistrationUnreachableError> {
  const error = await getWorkerRegistration({ agentURI, ...(timeoutMs ? { timeoutMs } : {}) }).catch((e) => e);
  expect(error).toBeInstanceOf(WorkerRegistrationUnreachableError);
  expect((error as WorkerRegistrationUnreachableError).agentURI).toBe(agentURI);
  return error;
}

describe("getWorkerRegistration", () => {
  it("fetches and parses a file served over http", async () => {
    expect(await getWorkerRegistration({ agentURI: `${base}/ok.json` })).toEqual(file);
  });

  it("decodes a data:application/json;base64 URI and a percent-encoded one", async () => {
    const base64 = `data:application/json;base64,${Buffer.from(json).toString("base64")}`;
    expect(await getWorkerRegistration({ agentURI: base64 })).toEqual(file);
    const encoded = `data:application/json;charset=utf-8,${encodeURIComponent(json)}`;
    expect(await getWorkerRegistration({ agentURI: encoded })).toEqual(file);
  });

  it("names the URI and the status of an error answer", async () => {
    const error = await unreachable(`${base}/missing.json`);
    expect(error.reason).toBe("it answered 404 Not Found");
    expect(error.message).toContain(`${base}/missing.json`);
  });

  it("stops at 64 kB: a declared length past it, and a chunked answer that grows past it", async () => {
    expect((await unreachable(`${base}/declared-large.json`)).reason).toContain("content-length 65537");
    expect((await unreachable(`${base}/streamed-large.json`)).reason).toBe("larger than 65536 bytes");
    const big = `data:application/json;base64,${Buffer.from(" ".repeat(WORKER_REGISTRATION_MAX_BYTES + 10)).toString("base64")}`;
    expect((await unreachable(big)).reason).toBe("larger than 65536 bytes");
  });

  it("does not follow a redirect (it could point at an internal address), naming the URI", async () => {
    const error = await unreachable(`${base}/redirect.json`);
    expect(error.reason).toBe("it answered with a redirect, which is not followed");
    expect(error.message).toContain(`${base}/redirect.json`);
  });

  it("gives up after the timeout on a server that never answers", async () => {
    const started = Date.now();
    expect((await unreachable(`${base}/slow.json`, 300)).reason).toBe("no complete answer within 300 ms");
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("reports a refused connection, a page that is not JSON, and schemes it does not read", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect((await unreachable(`http://127.0.0.1:${port}/agent.json`)).reason).toContain("ECONNREFUSED");
    expect((await unreachable(`${base}/html`)).reason).toMatch(/^its content is not JSON/);
    expect((await unreachable("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi")).reason).toContain(
      "ipfs:",
    );
    expect((await unreachable("data:text/plain,hello")).reason).toContain("not application/json");
    expect((await unreachable("")).reason).toBe("the agent has no agentURI");
  });

  it("throws WorkerRegistrationInvalidError naming the field and the URI for a file that is not a worker's", async () => {
    const error = await getWorkerRegistration({ agentURI: `${base}/invalid.json` }).catch((e) => e);
    expect(error).toBeInstanceOf(WorkerRegistrationInvalidError);
    expect(error).toMatchObject({ field: "models[0].verifier", source: `${base}/invalid.json` });
  });
});
