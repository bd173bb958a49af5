import { describe, expect, it } from "vitest";
import { checkRequestSource } from "./checkRequestSource.ts";
import { parseAllowedOrigin } from "./parseAllowedOrigin.ts";
import { stripControlCharacters } from "./stripControlCharacters.ts";

const allowedOrigins = ["http://127.0.0.1:5173"];
const check = (headers: Record<string, string>, requireOrigin = true) =>
  checkRequestSource({ headers, port: 8787, allowedOrigins, requireOrigin });

describe("checkRequestSource", () => {
  it("lets the dashboard's page reach the endpoint by 127.0.0.1 or localhost on its own port", () => {
    expect(check({ host: "127.0.0.1:8787", origin: "http://127.0.0.1:5173" })).toEqual({
      ok: true,
      origin: "http://127.0.0.1:5173",
    });
    expect(check({ host: "LOCALHOST:8787", origin: "http://127.0.0.1:5173" }).ok).toBe(true);
    expect(check({ host: "127.0.0.1:8787" }, false)).toEqual({ ok: true, origin: undefined });
  });

  it("refuses a rebinding name, another port, or no Host with 421", () => {
    for (const host of ["attacker.example:8787", "127.0.0.1:8788", "127.0.0.1", "127.0.0.1.nip.io:8787", ""]) {
      expect(check({ host, origin: "http://127.0.0.1:5173" })).toMatchObject({ ok: false, status: 421 });
    }
    expect(check({ origin: "http://127.0.0.1:5173" })).toMatchObject({ ok: false, status: 421 });
  });

  it("refuses another page's origin, a near miss, and a missing Origin where one is required, naming the fix", () => {
    for (const origin of ["http://evil.example", "http://127.0.0.1:5174", "https://127.0.0.1:5173", "null"]) {
      const refused = check({ host: "127.0.0.1:8787", origin });
      expect(refused).toMatchObject({ ok: false, status: 403 });
      expect(refused.ok || refused.message).toContain(`--allow-origin ${origin}`);
    }
    expect(check({ host: "127.0.0.1:8787" })).toMatchObject({ ok: false, status: 403 });
    expect(check({ host: "127.0.0.1:8787", origin: "http://evil.example" }, false)).toMatchObject({ ok: false });
  });
});

describe("parseAllowedOrigin", () => {
  it("takes an origin as a browser sends it and refuses anything else, suggesting the origin", () => {
    expect(parseAllowedOrigin("http://127.0.0.1:5173")).toBe("http://127.0.0.1:5173");
    expect(parseAllowedOrigin("https://dash.example")).toBe("https://dash.example");
    expect(() => parseAllowedOrigin("http://127.0.0.1:5173/intent")).toThrow(
      /did you mean http:\/\/127\.0\.0\.1:5173\?/,
    );
    expect(() => parseAllowedOrigin("http://127.0.0.1:80")).toThrow(/did you mean http:\/\/127\.0\.0\.1\?/);
    expect(() => parseAllowedOrigin("*")).toThrow(/Invalid --allow-origin: "\*"/);
    expect(() => parseAllowedOrigin("file:///tmp/x.html")).toThrow(/http\(s\) origin/);
  });
});

describe("stripControlCharacters", () => {
  it("drops terminal escapes, bidirectional overrides and NULs, keeping tabs and newlines", () => {
    expect(stripControlCharacters({ text: "a\u001b[31mb\u0000c\u202ed\u2066e\tf\ng\u0085" })).toBe("a[31mbcde\tf\ng");
  });
});
