import { describe, expect, it } from "vitest";
import { COMMAND_NAMES, createProgram } from "./program.ts";
import { summarizeCommands } from "./summarizeCommands.ts";

const all = "agent chain circuit demo deploy devnet did doctor facilitator job model prove verify workers zk".split(
  " ",
);
const argvOf = (...args: string[]) => ["node", "convergence", ...args];
const names = async (...args: string[]) =>
  (await createProgram({ argv: argvOf(...args) })).commands.map((command) => command.name());

/** Parses `args` with the program built for them, and returns what it printed and the exit code it asked for. */
async function run(program: Awaited<ReturnType<typeof createProgram>>, args: string[]) {
  let out = "";
  let err = "";
  program.exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  let exitCode = 0;
  try {
    await program.parseAsync(argvOf(...args));
  } catch (error) {
    exitCode = (error as { exitCode?: number }).exitCode ?? -1;
  }
  return { out, err, exitCode };
}

describe("createProgram", () => {
  it("registers only the subcommand that runs", async () => {
    expect(await names("did", "resolve", "did:ethr:0x7a69:0x0")).toEqual(["did"]);
    expect(await names("deploy", "--json")).toEqual(["deploy"]);
    // `help did` prints did's own help, which only its module can give.
    expect(await names("help", "did")).toEqual(["did"]);
  });

  it("registers every subcommand for the help, no subcommand, or an unknown one", async () => {
    expect(COMMAND_NAMES).toEqual(all);
    expect(await names("--help")).toEqual(all);
    expect(await names()).toEqual(all);
    expect(await names("help")).toEqual(all);
    expect(await names("help", "nope")).toEqual(all);
    // "toString" is on every object's prototype, not a subcommand.
    expect(await names("toString")).toEqual(all);
  });
});

describe("createProgram with the build's summaries", () => {
  const summaries = async () => summarizeCommands({ program: await createProgram({ argv: argvOf("--help") }) });

  it("lists every subcommand exactly as the loaded subcommands do, without loading them", async () => {
    const recorded = await summaries();
    expect(recorded.map((s) => s.name)).toEqual(all);
    expect(recorded.find((s) => s.name === "verify")?.term).toBe("verify [options] <file>");
    const loaded = await createProgram({ argv: argvOf("--help") });
    const listed = await createProgram({ argv: argvOf("--help"), summaries: recorded });
    expect(listed.helpInformation()).toBe(loaded.helpInformation());
    // Placeholders: no subcommand module was registered (the real `did` has a `resolve` subcommand).
    expect(listed.commands.find((c) => c.name() === "did")?.commands).toEqual([]);
  });

  it("answers --help, no subcommand and an unknown one as the loaded program does", async () => {
    const recorded = await summaries();
    for (const args of [["--help"], [], ["dd"], ["help", "nope"], ["--nope"]]) {
      const loaded = await run(await createProgram({ argv: argvOf(...args) }), args);
      const listed = await run(await createProgram({ argv: argvOf(...args), summaries: recorded }), args);
      expect(listed, args.join(" ")).toEqual(loaded);
    }
    const unknown = await run(await createProgram({ argv: argvOf("dd"), summaries: recorded }), ["dd"]);
    expect(unknown.err).toContain("unknown command 'dd'\n(Did you mean did?)");
    expect(unknown.exitCode).toBe(1);
  });

  it("still runs the real subcommand when commander dispatches to a placeholder (after `--`)", async () => {
    const args = ["--", "did", "resolve", "not-a-did"];
    const program = await createProgram({ argv: argvOf(...args), summaries: await summaries() });
    await expect(program.parseAsync(argvOf(...args))).rejects.toThrow(
      'Invalid <did>: "not-a-did". Expected did:ethr:<hex chain id>',
    );
  });
});
