import { BaseError } from "./base.ts";

export class NodeStartError extends BaseError {
  override name = "NodeStartError";
  constructor({ url, reason, output }: { url: string; reason: string; output: string }) {
    super(`The Hardhat node at ${url} did not start: ${reason}.`, {
      details: output.trim().split("\n").slice(-8).join("\n") || undefined,
      metaMessages: ["If the port is taken, pass another with --port (or 0 for any free port)."],
    });
  }
}
