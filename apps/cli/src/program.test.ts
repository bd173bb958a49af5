import { describe, expect, it } from "vitest";
import { createProgram } from "./program.ts";

const all = "agent chain circuit demo deploy devnet did doctor job model prove verify zk".split(" ");
const names = async (...args: string[]) =>
  (await createProgram({ argv: ["node", "convergence", ...args] })).commands.map((command) => command.name());

describe("createProgram", () => {
  it("registers only the subcommand that runs", async () => {
    expect(await names("did", "resolve", "did:ethr:0x7a69:0x0")).toEqual(["did"]);
    expect(await names("deploy", "--json")).toEqual(["deploy"]);
  });

  it("registers every subcommand for the help, no subcommand, or an unknown one", async () => {
    expect(await names("--help")).toEqual(all);
    expect(await names()).toEqual(all);
    expect(await names("help", "did")).toEqual(all);
    // "toString" is on every object's prototype, not a subcommand.
    expect(await names("toString")).toEqual(all);
  });
});
