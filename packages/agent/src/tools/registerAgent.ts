import { tool } from "langchain";
import { z } from "zod";
import { guardedSend } from "./guardedSend.ts";
import { runTool } from "./runTool.ts";
import type { AgentContext } from "./types.ts";

export const registerAgentDefinition = {
  name: "register_agent",
  description:
    "Registers the agent's wallet as an ERC-8004 agent with a name and an optional service URL, recording its did:ethr DID (sends a transaction; goes through the spending policy's simulation and confirmation). Inputs: name, serviceUrl. Do not use it to look an agent or DID up (use resolve_did) or when the user gave no name.",
  schema: z.object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, '.', '_' or '-', at most 64")
      .describe("the agent's name, e.g. risk-bot"),
    serviceUrl: z.url().optional().describe("http(s) URL where the agent serves requests, e.g. http://127.0.0.1:8080"),
  }),
};

export type RegisterAgentToolParameters = { context: AgentContext };

/**
 * The `register_agent` tool.
 *
 * @example
 * const register = registerAgentTool({ context });
 */
export function registerAgentTool({ context }: RegisterAgentToolParameters) {
  return tool(
    (args) =>
      runTool(() =>
        guardedSend({
          context,
          call: { name: "register_agent", args },
          execute: () => context.actions.registerAgent(args),
        }),
      ),
    registerAgentDefinition,
  );
}
