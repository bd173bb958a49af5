import { tool } from "langchain";
import type { Hex } from "viem";
import { z } from "zod";
import { runTool } from "./runTool.ts";
import type { AgentContext } from "./types.ts";

export const getAttestationDefinition = {
  name: "get_attestation",
  description:
    "Reads a recorded inference attestation by id (the escrow job id as 32-byte hex): model, input commitment, verified outputs, worker, time and its ERC-8004 validation, which counts only when validatedByAttestor is true (given by this deployment's InferenceAttestor after the proof verified; a validation anyone else filed does not count) (read-only). Input: id, 0x + 64 hex digits. Do not use it to request a new inference (use request_verified_inference).",
  schema: z.object({
    id: z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, "0x + 64 hex digits")
      .describe("the attestation id: 0x followed by 64 hex digits"),
  }),
};

export type GetAttestationToolParameters = { context: AgentContext };

/**
 * The `get_attestation` tool.
 *
 * @example
 * const attestation = getAttestationTool({ context });
 */
export function getAttestationTool({ context }: GetAttestationToolParameters) {
  return tool(
    ({ id }) =>
      runTool(async () => {
        const read = context.actions.getAttestation;
        if (!read) {
          throw new Error(
            "attestations cannot be read in this build: the inference-market SDK actions are not wired yet.",
          );
        }
        return read({ id: id as Hex });
      }),
    getAttestationDefinition,
  );
}
