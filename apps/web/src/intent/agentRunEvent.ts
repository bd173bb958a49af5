/**
 * One server-sent event of a `convergence agent serve` run, as the page receives it. The server's side of this
 * interface is apps/cli/src/agentServer/agentServerEvent.ts: change both together.
 */
export type AgentRunEvent =
  | {
      id: number;
      event: "plan";
      data: {
        intent: string;
        plan: {
          calls: { name: string; args: Record<string, unknown>; condition?: string; why?: string }[];
          refusal?: string;
        };
      };
    }
  | { id: number; event: "call"; data: { tool: string; input: Record<string, unknown> } }
  | {
      id: number;
      event: "decision";
      data: { tool: string; input: Record<string, unknown>; allowed: boolean; rule?: string; message: string };
    }
  | { id: number; event: "confirm"; data: { confirmationId: string; summary: string; timeoutSeconds: number } }
  | {
      id: number;
      event: "confirmation";
      data: { confirmationId: string; approved: boolean; by: "browser" | "timeout" | "shutdown" };
    }
  | { id: number; event: "inference"; data: { text: string } }
  | { id: number; event: "step"; data: { tool: string; input: Record<string, unknown>; output: string; ok: boolean } }
  | { id: number; event: "done"; data: { ok: boolean; text: string } }
  | { id: number; event: "error"; data: { message: string } };

export const AGENT_RUN_EVENT_NAMES = [
  "plan",
  "call",
  "decision",
  "confirm",
  "confirmation",
  "inference",
  "step",
  "done",
  "error",
] as const satisfies readonly AgentRunEvent["event"][];
