import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "./runCli.ts";

describe("runCli", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it("prints an error quoting someone else's text without its control characters, keeping its own line breaks", async () => {
    let printed = "";
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    // The URL reaches the message as given: an ESC sequence in it would clear the user's screen.
    await runCli({
      argv: [
        "node",
        "convergence",
        "job",
        "open",
        "--input",
        "[1]",
        "--pay",
        "2",
        "--rpc",
        "http://127.0.0.1:1/\u001b[2J",
      ],
    });
    expect(process.exitCode).toBe(1);
    expect(printed).toContain("No JSON-RPC answer from http://127.0.0.1:1/\uFFFD[2J");
    expect(printed).not.toContain("\u001b");
    expect(printed.split("\n").length).toBeGreaterThan(2);
  });
});
