import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServeDashboardReturnType, serveDashboard } from "./serveDashboard.ts";

const config = {
  rpcUrl: "http://127.0.0.1:9",
  chainId: 31337,
  contracts: {},
  fromBlock: "0",
  workers: ["http://127.0.0.1:8080"],
  agentUrl: null,
};

describe("serveDashboard", () => {
  let dashboard: ServeDashboardReturnType;
  beforeAll(async () => {
    dashboard = await serveDashboard({ port: 0, quiet: true, config });
  });
  afterAll(() => dashboard?.close());

  it("serves the page at every route's URL and its config", async () => {
    for (const path of ["/", "/jobs/3/proof", "/agents/1"]) {
      const response = await fetch(`${dashboard.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(await response.text()).toContain('<div id="root">');
    }
    const served = await fetch(`${dashboard.url}/config.json`);
    expect(served.headers.get("cache-control")).toBe("no-store");
    expect(await served.json()).toEqual(config);
  });

  it("serves no file outside the built app, no missing asset as the page, and only GET", async () => {
    for (const path of ["/%2e%2e/package.json", "/..%2f..%2fpackage.json", "/assets/missing.js", "/nope.txt"]) {
      const response = await fetch(`${dashboard.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('"name"');
    }
    expect((await fetch(dashboard.url, { method: "POST", body: "{}" })).status).toBe(405);
    // A malformed escape is the client's mistake: 400 naming it, not a 500.
    const malformed = await fetch(`${dashboard.url}/%E0%A4%A`);
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("not a valid URL path");
  });

  it("answers a key request it cannot serve with what is missing", async () => {
    const response = await fetch(`${dashboard.url}/keys/1.json`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "nothing deployed: no ModelRegistry in the configuration" });
  });
});
