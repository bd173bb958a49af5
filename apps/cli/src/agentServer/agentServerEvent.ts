import type { PlanJson } from "@convergence/agent";

/**
 * The server-sent events of one run of `convergence agent serve`, in the order they can happen. `plan`, `decision`,
 * `confirm`, `step`, `done` and `error` are the dashboard's interface (spec); `call`, `inference` and `confirmation`
 * say more as it happens (a call started, a verified inference's progress, how a confirmation was answered).
 */
export type AgentServerEvent =
  | { event: "plan"; data: { intent: string; plan: PlanJson } }
  | { event: "call"; data: { tool: string; input: Record<string, unknown> } }
  | {
      event: "decision";
      data: { tool: string; input: Record<string, unknown>; allowed: boolean; rule?: string; message: string };
    }
  | { event: "confirm"; data: { confirmationId: string; summary: string; timeoutSeconds: number } }
  | {
      event: "confirmation";
      data: { confirmationId: string; approved: boolean; by: "browser" | "timeout" | "shutdown" };
    }
  | { event: "inference"; data: { text: string } }
  | { event: "step"; data: { tool: string; input: Record<string, unknown>; output: string; ok: boolean } }
  | { event: "done"; data: { ok: boolean; text: string } }
  | { event: "error"; data: { message: string } };

export type AgentServerEventName = AgentServerEvent["event"];
