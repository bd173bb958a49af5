import { tool } from "langchain";
import { z } from "zod";
import { runTool } from "./runTool.ts";
import type { AgentContext } from "./types.ts";

export const resolveDidDefinition = {
  name: "resolve_did",
  description:
    "Resolves a did:ethr DID to its W3C DID document from the on-chain ERC-1056 registry (read-only). Input: did, e.g. did:ethr:0x7a69:0x.... Do not use it for balances (use get_balances) or with a bare address.",
  schema: z.object({
    did: z
      .string()
      .regex(/^did:ethr:(?:[a-z0-9]+:)?0x[0-9a-fA-F]{40}$/, "a did:ethr DID")
      .describe("the did:ethr DID to resolve, e.g. did:ethr:0x7a69:0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
  }),
};

export type ResolveDidToolParameters = { context: AgentContext };

/**
 * The `resolve_did` tool.
 *
 * @example
 * const resolve = resolveDidTool({ context });
 */
export function resolveDidTool({ context }: ResolveDidToolParameters) {
  return tool(({ did }) => runTool(() => context.actions.resolveDid({ did })), resolveDidDefinition);
}
