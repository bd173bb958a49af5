import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Deployment, devnetAccounts, wethAbi } from "@convergence/contracts";
import { deployStack, type StartNodeReturnType, startNode } from "@convergence/devnet";
import { createClients } from "@convergence/sdk";
import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartAgentServerReturnType, startAgentServer } from "./startAgentServer.ts";
import { startDevnetAgentServer } from "./startDevnetAgentServer.ts";

const DASHBOARD = "http://127.0.0.1:5173";

type SseEvent = { id: number; event: string; data: Record<string, unknown> };

/** Reads a run's server-sent events as the browser's EventSource would, calling `onEvent` for each until the end. */
async function readRun(
  server: StartAgentServerReturnType,
  runId: string,
  onEvent: (event: SseEvent) => Promise<void> | void = () => {},
): Promise<SseEvent[]> {
  const response = await fetch(`${server.url}/runs/${runId}/events`, { headers: { origin: DASHBOARD } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  expect(response.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
  const events: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of response.body!) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
      const fields = Object.fromEntries(
        block
          .split("\n")
          .filter((line) => !line.startsWith(":"))
          .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]),
      );
      if (fields.event === undefined) continue;
      const event = { id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data ?? "null") };
      events.push(event);
      await onEvent(event);
    }
  }
  return events;
}

/** A raw HTTP request, so the test can set the Host header as a DNS-rebinding page would make it. */
function rawRequest(
  url: string,
  { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      let text = "";
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

describe("startAgentServer (convergence agent serve) on a live chain", () => {
  let node: StartNodeReturnType;
  let home: string;
  let contracts: Deployment["contracts"];
  let server: StartAgentServerReturnType;
  const agent = devnetAccounts({ count: 2 })[1]!;

  const post = (path: string, body: unknown, origin: string | null = DASHBOARD) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(origin ? { origin } : {}) },
      body: JSON.stringify(body),
    });
  const startRun = async (intent: string) => {
    const response = await post("/runs", { intent });
    expect(response.status).toBe(201);
    return ((await response.json()) as { runId: string }).runId;
  };
  const answer = (runId: string, confirmationId: unknown, approve: boolean) =>
    post(`/runs/${runId}/confirmations/${confirmationId}`, { approve });
  const publicClient = () => createClients({ rpcUrl: node.url, chainId: 31337 }).publicClient;
  const wethOf = () =>
    publicClient().readContract({
      address: contracts.WETH,
      abi: wethAbi,
      functionName: "balanceOf",
      args: [agent.address],
    });
  const sentCount = () => publicClient().getTransactionCount({ address: agent.address });

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "agent-serve-"));
    node = await startNode({ port: 0 });
    const { walletClient } = createClients({
      rpcUrl: node.url,
      chainId: 31337,
      account: devnetAccounts({ count: 1 })[0]!,
    });
    const deployment = await deployStack({ client: walletClient!, fund: [agent.address] });
    contracts = deployment.contracts;
    server = await startAgentServer({
      rpcUrl: node.url,
      chainId: 31337,
      account: agent,
      contracts,
      home,
      workerUrl: null,
      port: 0,
      allowedOrigins: [DASHBOARD],
    });
  });
  afterAll(async () => {
    await server?.close();
    await node?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it("answers /health with the agent's address and chain, binding 127.0.0.1", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/health`, { headers: { origin: DASHBOARD } });
    expect(await response.json()).toEqual({ agent: agent.address, chainId: 31337 });
  });

  it("plans an intent, asks its confirmation, and once approved sends it: the chain shows the WETH", async () => {
    const runId = await startRun("wrap 0.25 ETH");
    const events = await readRun(server, runId, async (event) => {
      if (event.event === "confirm") {
        expect(event.data.summary).toBe("wrap_eth amount=0.25");
        const response = await answer(runId, event.data.confirmationId, true);
        expect(response.status).toBe(200);
      }
    });
    expect(events.map((e) => e.event)).toEqual(["plan", "call", "confirm", "confirmation", "decision", "step", "done"]);
    expect(events.map((e) => e.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(events[0]!.data).toEqual({
      intent: "wrap 0.25 ETH",
      plan: { calls: [{ name: "wrap_eth", args: { amount: "0.25" } }] },
    });
    expect(events[4]!.data).toMatchObject({ tool: "wrap_eth", allowed: true });
    expect(events[5]!.data).toMatchObject({ tool: "wrap_eth", input: { amount: "0.25" }, ok: true });
    expect(events[6]!.data).toMatchObject({ ok: true });
    expect(await wethOf()).toBe(parseEther("0.25"));
  });

  it("a refused confirmation sends nothing, and a second answer to it changes nothing", async () => {
    const [weth, sent] = [await wethOf(), await sentCount()];
    const runId = await startRun("wrap 0.5 ETH");
    let confirmationId: unknown;
    const events = await readRun(server, runId, async (event) => {
      if (event.event === "confirm") {
        confirmationId = event.data.confirmationId;
        expect((await answer(runId, confirmationId, false)).status).toBe(200);
      }
    });
    expect(events.find((e) => e.event === "confirmation")!.data).toMatchObject({ approved: false, by: "browser" });
    expect(events.find((e) => e.event === "decision")!.data).toMatchObject({ allowed: false, rule: "confirmation" });
    expect(events.find((e) => e.event === "step")!.data).toMatchObject({ tool: "wrap_eth", ok: false });
    expect(events.at(-1)!).toMatchObject({ event: "done", data: { ok: false } });
    const late = await answer(runId, confirmationId, true);
    expect(late.status).toBe(409);
    expect(await wethOf()).toBe(weth);
    expect(await sentCount()).toBe(sent);
  });

  it("a confirmation is bound to its run: answered through another run's path it is unknown, and stays pending", async () => {
    const [weth, sent] = [await wethOf(), await sentCount()];
    const other = await startRun("wrap 0.1 ETH");
    await readRun(server, other, async (event) => {
      if (event.event === "confirm") await answer(other, event.data.confirmationId, false);
    });
    const runId = await startRun("wrap 0.2 ETH");
    const events = await readRun(server, runId, async (event) => {
      if (event.event === "confirm") {
        // The attacker approves this run's confirmation through the finished run's path.
        const crossed = await answer(other, event.data.confirmationId, true);
        expect(crossed.status).toBe(404);
        expect((await answer(runId, event.data.confirmationId, false)).status).toBe(200);
      }
    });
    expect(events.find((e) => e.event === "confirmation")!.data).toMatchObject({ approved: false, by: "browser" });
    expect(await wethOf()).toBe(weth);
    expect(await sentCount()).toBe(sent);
  });

  it("runs one intent at a time (another gets 409), and a reconnect after the end gets 204", async () => {
    const runId = await startRun("wrap 0.1 ETH");
    const events = await readRun(server, runId, async (event) => {
      if (event.event === "confirm") {
        const second = await post("/runs", { intent: "wrap 0.2 ETH" });
        expect(second.status).toBe(409);
        expect(((await second.json()) as { error: string }).error).toMatch(/one intent at a time/);
        await answer(runId, event.data.confirmationId, false);
      }
    });
    expect(events.at(-1)!.event).toBe("done");
    const again = await fetch(`${server.url}/runs/${runId}/events`, {
      headers: { origin: DASHBOARD, "last-event-id": String(events.at(-1)!.id) },
    });
    expect(again.status).toBe(204);
    const replay = await fetch(`${server.url}/runs/${runId}/events`, { headers: { origin: DASHBOARD } });
    expect(await replay.text()).toMatch(/^id: 0\nevent: plan\n/);
  });

  it("refuses a page of another origin, a POST with no Origin, and a rebinding Host, changing nothing", async () => {
    const sent = await sentCount();
    const evil = await post("/runs", { intent: "wrap 1 ETH" }, "http://evil.example");
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    expect(((await evil.json()) as { error: string }).error).toMatch(/origin "http:\/\/evil\.example" may not call/);
    const none = await post("/runs", { intent: "wrap 1 ETH" }, null);
    expect(none.status).toBe(403);
    const preflight = await fetch(`${server.url}/runs`, {
      method: "OPTIONS",
      headers: { origin: "http://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(403);
    const allowed = await fetch(`${server.url}/runs`, {
      method: "OPTIONS",
      headers: { origin: DASHBOARD, "access-control-request-method": "POST" },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
    for (const host of ["evil.example", `attacker.example:${server.port}`, "127.0.0.1:1"]) {
      const rebound = await rawRequest(`${server.url}/runs`, {
        method: "POST",
        headers: { host, origin: DASHBOARD, "content-type": "application/json" },
        body: JSON.stringify({ intent: "wrap 1 ETH" }),
      });
      expect(rebound.status).toBe(421);
      expect(rebound.body).toMatch(/Host header/);
    }
    const health = await rawRequest(`${server.url}/health`, { headers: { host: `evil.example:${server.port}` } });
    expect(health.status).toBe(421);
    expect(await sentCount()).toBe(sent);
  });

  it("limits bodies and intents, wants JSON, and strips control characters from what it echoes", async () => {
    const big = await post("/runs", { intent: "x".repeat(20_000) });
    expect(big.status).toBe(413);
    const long = await post("/runs", { intent: `wrap 1 ETH ${"and ".repeat(300)}` });
    expect(long.status).toBe(413);
    expect(((await long.json()) as { error: string }).error).toMatch(/at most 1000/);
    const text = await fetch(`${server.url}/runs`, {
      method: "POST",
      headers: { "content-type": "text/plain", origin: DASHBOARD },
      body: JSON.stringify({ intent: "wrap 1 ETH" }),
    });
    expect(text.status).toBe(415);
    expect((await post("/runs", { intent: 42 })).status).toBe(400);
    const runId = await startRun("what are my\u0007\u001b balances\u202e");
    const events = await readRun(server, runId);
    expect(events[0]!.data.intent).toBe("what are my balances");
    expect(JSON.stringify(events)).not.toMatch(/\\u0007|\\u001b|\u202e/);
    expect(events.at(-1)!).toMatchObject({ event: "done", data: { ok: true } });
  });

  it("an intent the model cannot read exactly ends with its refusal and sends nothing; an unknown run is a 404", async () => {
    const sent = await sentCount();
    const runId = await startRun("do something clever with my money");
    const events = await readRun(server, runId);
    expect(events.map((e) => e.event)).toEqual(["plan", "done"]);
    expect((events[0]!.data.plan as { refusal?: string }).refusal).toEqual(expect.any(String));
    expect(events[1]!.data).toMatchObject({ ok: false });
    expect(await sentCount()).toBe(sent);
    const unknown = await fetch(`${server.url}/runs/nope/events`, { headers: { origin: DASHBOARD } });
    expect(unknown.status).toBe(404);
    expect((await answer("nope", "x", true)).status).toBe(404);
  });

  it("refuses a confirmation nobody answers once its timeout passes: nothing is sent", async () => {
    const quick = await startAgentServer({
      rpcUrl: node.url,
      chainId: 31337,
      account: agent,
      contracts,
      home,
      workerUrl: null,
      port: 0,
      allowedOrigins: [DASHBOARD],
      confirmationTimeoutMs: 500,
    });
    try {
      const [weth, sent] = [await wethOf(), await sentCount()];
      const response = await fetch(`${quick.url}/runs`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: DASHBOARD },
        body: JSON.stringify({ intent: "wrap 0.3 ETH" }),
      });
      const { runId } = (await response.json()) as { runId: string };
      const events = await readRun(quick, runId);
      expect(events.find((e) => e.event === "confirmation")!.data).toMatchObject({ approved: false, by: "timeout" });
      expect(events.at(-1)!).toMatchObject({ event: "done", data: { ok: false } });
      expect(await wethOf()).toBe(weth);
      expect(await sentCount()).toBe(sent);
    } finally {
      await quick.close();
    }
  });

  it("listens on 127.0.0.1 only: another host is refused before anything starts", async () => {
    await expect(
      startAgentServer({
        rpcUrl: node.url,
        chainId: 31337,
        account: agent,
        contracts,
        home,
        port: 0,
        allowedOrigins: [DASHBOARD],
        host: "0.0.0.0",
      }),
    ).rejects.toThrow(/--host: "0\.0\.0\.0"\. Expected 127\.0\.0\.1/);
  });

  it("a port already taken (another endpoint, devnet's) is refused naming the option that picks another", async () => {
    const taken = startAgentServer({
      rpcUrl: node.url,
      chainId: 31337,
      account: agent,
      contracts,
      home,
      port: server.port,
      allowedOrigins: [DASHBOARD],
    });
    await expect(taken).rejects.toThrow(`The agent endpoint cannot listen on 127.0.0.1:${server.port}`);
    await expect(taken).rejects.toMatchObject({ name: "AgentServerListenError" });
    await taken.catch((error: { message: string }) => {
      expect(error.message).toContain("--agent-port");
      expect(error.message).toContain("--port");
    });
  });

  it("startDevnetAgentServer serves the devnet's agent to the dashboard's exact origin only, not a page on its localhost twin", async () => {
    const devnet = await startDevnetAgentServer({
      rpcUrl: node.url,
      chainId: 31337,
      deployment: { contracts, startBlock: "0" },
      dashboardUrl: "http://127.0.0.1:5174/",
      port: 0,
      home,
    });
    try {
      const health = (origin: string) => fetch(`${devnet.url}/health`, { headers: { origin } });
      expect(await (await health("http://127.0.0.1:5174")).json()).toEqual({ agent: agent.address, chainId: 31337 });
      // The attacker: another local server (a Vite dev app binds `localhost`, often [::1]) on the dashboard's port
      // serves http://localhost:5174 while the dashboard holds 127.0.0.1:5174; its page must not drive the agent.
      expect((await health("http://localhost:5174")).status).toBe(403);
      const run = await fetch(`${devnet.url}/runs`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:5174" },
        body: JSON.stringify({ intent: "wrap 1 ETH" }),
      });
      expect(run.status).toBe(403);
      expect((await health("http://127.0.0.1:5173")).status).toBe(403);
    } finally {
      await devnet.close();
    }
  });
});
