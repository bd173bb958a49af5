import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/runCli.ts";

// docs/guides/public-testnet.md promises exact commands: every `convergence` subcommand and option it runs must exist,
// every setting it sets must be one the code reads, and the chain facts must be the ones the issue names.
// test/anyChain/marketOtherChain.test.ts runs the same flow (deploy, workers, job open) on chain 1337.
const GUIDE = "docs/guides/public-testnet.md";

type Command = { line: string; words: string[] };

function shellCommands(markdown: string): Command[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks
    .flatMap((block) => block.replace(/\\\n\s*/g, " ").split("\n"))
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter(Boolean)
    .map((line) => ({ line, words: [...line.matchAll(/'[^']*'|"[^"]*"|\S+/g)].map((m) => m[0]) }));
}

function readSources(dirs: string[]): string {
  const root = workspaceRoot();
  return dirs
    .flatMap((dir) =>
      readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
        .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8")),
    )
    .join("\n");
}

describe(`${GUIDE}: every command matches the code`, () => {
  const guide = readFileSync(join(workspaceRoot(), GUIDE), "utf8");
  const commands = shellCommands(guide);
  const convergence = commands
    .map(({ line, words }) => {
      const at = words.indexOf("convergence");
      if (at === -1 || words[at - 1] === undefined || !/^(pnpm|-s)$/.test(words[at - 1]!)) return undefined;
      const rest = words.slice(at + 1);
      const firstOption = rest.findIndex((word) => word.startsWith("-"));
      const path = (firstOption === -1 ? rest : rest.slice(0, firstOption)).filter((word) =>
        /^[a-z][a-z-]*$/.test(word),
      );
      return { line, path: path.slice(0, 2), options: rest.filter((word) => /^--[a-z]/.test(word)) };
    })
    .filter((command) => command !== undefined);

  it("names Base Sepolia's RPC URL and chain id, and Circle's USDC there", () => {
    expect(guide).toContain("https://sepolia.base.org");
    expect(guide).toContain("84532");
    expect(guide).toContain("0x036CbD53842c5426634e7929541eC2318f3dCF7e");
    expect(convergence.map(({ path }) => path[0])).toEqual(expect.arrayContaining(["deploy", "job", "agent"]));
  });

  it("uses only `convergence` subcommands and options that exist (their --help lists them)", async () => {
    const byPath = new Map<string, Set<string>>();
    for (const { path, options } of convergence) {
      const key = path.join(" ");
      byPath.set(key, new Set([...(byPath.get(key) ?? []), ...options.map((option) => option.split("=")[0]!)]));
    }
    for (const [path, options] of byPath) {
      const help = await runCli([...path.split(" "), "--help"]);
      expect(help.code, `convergence ${path} --help`).toBe(0);
      // commander answers an unknown subcommand with its parent's help: the usage line names the exact command.
      expect(help.stdout, `convergence ${path}`).toContain(`Usage: convergence ${path} `);
      for (const option of options) expect(help.stdout, `convergence ${path} ${option}`).toContain(`${option} `);
    }
  });

  it("sets only worker settings that apps/worker/.env.example lists, and runs root scripts that exist", () => {
    const example = readFileSync(join(workspaceRoot(), "apps/worker/.env.example"), "utf8");
    const scripts = Object.keys(
      (JSON.parse(readFileSync(join(workspaceRoot(), "package.json"), "utf8")) as { scripts: Record<string, string> })
        .scripts,
    );
    const workers = commands.filter(({ words }) => words.includes("worker") && words.includes("pnpm"));
    expect(workers.length).toBeGreaterThanOrEqual(2);
    for (const { line, words } of workers) {
      for (const name of words.filter((word) => /^[A-Z][A-Z0-9_]*=/.test(word)).map((word) => word.split("=")[0]!)) {
        expect(example, `${name} in: ${line}`).toMatch(new RegExp(`^${name}=`, "m"));
      }
    }
    for (const { words } of commands.filter(({ words }) => words[0] === "pnpm" && !words.includes("convergence"))) {
      expect(scripts, words.join(" ")).toContain(words[1]);
    }
  });

  it("names only settings the CLI, the agent or the worker reads", () => {
    const sources = readSources(["apps/cli/src", "apps/worker/src", "packages/agent/src", "packages/paths/src"]);
    const named = new Set(
      [...guide.matchAll(/\b(?:[A-Z]+_PRIVATE_KEY|CONVERGENCE_[A-Z_]+|WORKER_[A-Z_]+)\b/g)].map((m) => m[0]),
    );
    expect(named.size).toBeGreaterThan(8);
    for (const name of named) expect(sources.includes(name), name).toBe(true);
  });
});
