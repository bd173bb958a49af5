/** The dashboard's pages, by URL (history routing: the server answers index.html for any page path). */
export type Route =
  | { page: "overview" }
  | { page: "agents" }
  | { page: "agent"; agentId: bigint }
  | { page: "jobs" }
  | { page: "job"; jobId: bigint }
  | { page: "proof"; jobId: bigint }
  | { page: "models" }
  | { page: "market" }
  | { page: "pool" }
  | { page: "intent" }
  | { page: "notFound"; path: string };

const patterns: [RegExp, (match: RegExpMatchArray) => Route][] = [
  [/^\/$/, () => ({ page: "overview" })],
  [/^\/agents$/, () => ({ page: "agents" })],
  [/^\/agents\/([0-9]+)$/, (m) => ({ page: "agent", agentId: BigInt(m[1]!) })],
  [/^\/jobs$/, () => ({ page: "jobs" })],
  [/^\/jobs\/([0-9]+)$/, (m) => ({ page: "job", jobId: BigInt(m[1]!) })],
  [/^\/jobs\/([0-9]+)\/proof$/, (m) => ({ page: "proof", jobId: BigInt(m[1]!) })],
  [/^\/models$/, () => ({ page: "models" })],
  [/^\/market$/, () => ({ page: "market" })],
  [/^\/pool$/, () => ({ page: "pool" })],
  [/^\/intent$/, () => ({ page: "intent" })],
];

/**
 * The page a path names (`/jobs/3/proof` → proof of job 3); a trailing slash is ignored.
 *
 * @example
 * matchRoute({ path: "/agents/2" }) // { page: "agent", agentId: 2n }
 */
export function matchRoute({ path }: { path: string }): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, "") : path;
  for (const [pattern, route] of patterns) {
    const match = clean.match(pattern);
    if (match) return route(match);
  }
  return { page: "notFound", path };
}
