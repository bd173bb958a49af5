import type { IncomingHttpHeaders } from "node:http";

export type CheckRequestSourceParameters = {
  headers: IncomingHttpHeaders;
  /** The port the server listens on: the only one its Host header may name. */
  port: number;
  /** Origins (scheme://host[:port]) whose pages may call the endpoint. */
  allowedOrigins: readonly string[];
  /** A request that changes something must come from an allowed page: no Origin header is refused too. */
  requireOrigin: boolean;
};

export type CheckRequestSourceReturnType =
  | { ok: true; origin: string | undefined }
  | { ok: false; status: 403 | 421; message: string };

/**
 * Tells whether a request may reach the agent endpoint. Its Host must be the server's own loopback host and port
 * (`127.0.0.1:<port>` or `localhost:<port>`): a DNS-rebinding page reaches 127.0.0.1 under its own name, so its Host
 * header is that name. Its Origin, when it has one, must be allowed: any web page can send a request to localhost.
 * Requests that change something must carry an allowed Origin (browsers always send one on a cross-origin POST).
 *
 * @example
 * checkRequestSource({ headers: request.headers, port: 8787, allowedOrigins: ["http://127.0.0.1:5173"], requireOrigin: true });
 */
export function checkRequestSource({
  headers,
  port,
  allowedOrigins,
  requireOrigin,
}: CheckRequestSourceParameters): CheckRequestSourceReturnType {
  const host = headers.host?.toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    return {
      ok: false,
      status: 421,
      message: `Refused: the Host header is ${JSON.stringify(headers.host ?? "")}, expected 127.0.0.1:${port} or localhost:${port}. The agent endpoint answers only requests addressed to itself on the loopback interface.`,
    };
  }
  const origin = headers.origin;
  if (origin === undefined) {
    if (!requireOrigin) return { ok: true, origin: undefined };
    return {
      ok: false,
      status: 403,
      message: `Refused: no Origin header. Expected one of ${allowedOrigins.join(", ") || "(none allowed)"}; send the request from the dashboard, or start the endpoint with --allow-origin <origin>.`,
    };
  }
  if (!allowedOrigins.includes(origin)) {
    return {
      ok: false,
      status: 403,
      message: `Refused: the origin ${JSON.stringify(origin)} may not call this agent endpoint. Allowed: ${allowedOrigins.join(", ") || "(none)"}; start it with --allow-origin ${origin} to allow that page.`,
    };
  }
  return { ok: true, origin };
}
