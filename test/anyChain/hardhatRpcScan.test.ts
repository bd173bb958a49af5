import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import { describe, expect, it } from "vitest";

// Issue #15, "any chain": the production paths of the worker, the agent, the SDK and the CLI use no Hardhat-only RPC
// method (`evm_*`, `hardhat_*`), so they run against any EVM node by RPC URL. Tests may use them; production may not.
const PRODUCTION_SOURCES = ["apps/worker/src", "packages/agent/src", "packages/sdk/src", "apps/cli/src"];

// A method name as it would be written in a request or mentioned in a comment: `evm_mine`, "hardhat_setBalance".
const HARDHAT_ONLY_METHOD = /\b(?:evm|hardhat)_[A-Za-z]\w*/g;

// Each allowed file with the reason; an entry must still match (a stale entry fails, so the list cannot grow quietly).
const ALLOWED: Record<string, string> = {
  "apps/cli/src/demo/simulateMarketActivity.ts":
    "the demo's market simulation moves the devnet clock to leave a day of swaps; it checks first that the chain is the " +
    "local devnet (31337) and refuses any other with MarketSimulationNotDevnetError",
};

type HardhatRpcUse = { file: string; line: number; method: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(?:ts|tsx|mts|cts|js|mjs)$/.test(entry.name))
    .filter((entry) => !/\.test\.[cm]?[jt]sx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

function findHardhatRpcUses({ file, text }: { file: string; text: string }): HardhatRpcUse[] {
  return text
    .split("\n")
    .flatMap((content, index) =>
      [...content.matchAll(HARDHAT_ONLY_METHOD)].map((match) => ({ file, line: index + 1, method: match[0] })),
    );
}

describe("no Hardhat-only RPC method in the production sources", () => {
  const root = workspaceRoot();
  const files = PRODUCTION_SOURCES.flatMap((dir) => sourceFiles(join(root, dir))).map((path) => ({
    file: relative(root, path),
    text: readFileSync(path, "utf8"),
  }));
  const uses = files.flatMap(findHardhatRpcUses);

  it("scans every production source file of the four packages", () => {
    for (const dir of PRODUCTION_SOURCES) {
      expect(files.filter(({ file }) => file.startsWith(`${dir}/`)).length, dir).toBeGreaterThan(5);
    }
    expect(files.some(({ file }) => file.endsWith(".test.ts"))).toBe(false);
  });

  it("finds none outside the allowed files (file:line method)", () => {
    const found = uses
      .filter(({ file }) => !(file in ALLOWED))
      .map(({ file, line, method }) => `${file}:${line} ${method}`);
    expect(found, "use a standard JSON-RPC method, or make the code refuse any chain but the local devnet").toEqual([]);
  });

  it("keeps each allowed file on the list only while it needs it", () => {
    for (const [file, reason] of Object.entries(ALLOWED)) {
      expect(reason.length).toBeGreaterThan(20);
      expect(
        uses.filter((use) => use.file === file),
        `${file} no longer uses one: remove it from ALLOWED`,
      ).not.toEqual([]);
    }
  });

  it("recognises the methods in requests, casts and comments", () => {
    const text = [
      'await client.request({ method: "evm_increaseTime" as never, params: [1] as never });',
      "// mines with `evm_mine`",
      "await provider.send('hardhat_setBalance', [a, b]);",
      'const m = "eth_sendRawTransaction"; // a standard one',
    ].join("\n");
    expect(findHardhatRpcUses({ file: "x.ts", text })).toEqual([
      { file: "x.ts", line: 1, method: "evm_increaseTime" },
      { file: "x.ts", line: 2, method: "evm_mine" },
      { file: "x.ts", line: 3, method: "hardhat_setBalance" },
    ]);
  });
});
