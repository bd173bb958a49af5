import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/runCli.ts";

const fromSource = { CONVERGENCE_CLI_FROM_SOURCE: "1" };

// The built CLI (what `pnpm convergence` runs) answers as the TypeScript sources do; bench/suites/cli.ts times it.
describe("convergence start-up: the build answers as the sources do", () => {
  it("--help lists every subcommand word for word", async () => {
    const built = await runCli(["--help"]);
    const source = await runCli(["--help"], fromSource);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain("verify [options] <file>");
    expect(built.stdout).toBe(source.stdout);
  });

  it("an unknown subcommand gets the same suggestion and help, and exit 1", async () => {
    const built = await runCli(["dd"]);
    const source = await runCli(["dd"], fromSource);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain("error: unknown command 'dd'\n(Did you mean did?)");
    expect({ ...built, ms: 0 }).toEqual({ ...source, ms: 0 });
  });

  it("help <subcommand> prints that subcommand's own help", async () => {
    const built = await runCli(["help", "did"]);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain("resolve [options] <did>");
    expect(built.stdout).toBe((await runCli(["help", "did"], fromSource)).stdout);
  });

  it("a bad argument still names what was wrong and what was expected", async () => {
    const built = await runCli(["did", "resolve", "did:ethr:nope"]);
    expect(built.code).toBe(1);
    expect(built.stderr).toBe(
      'Error: Invalid <did>: "did:ethr:nope". Expected did:ethr:<hex chain id>:<0x address with 40 hex digits>, e.g. did:ethr:0x7a69:0x70997970C51812dc3A010C7d01b50e0d17dc79C8.\n',
    );
  });
});
