import { randomUUID } from "node:crypto";
import {
  type AgentContext,
  type CreateAgentContextParameters,
  EmbeddedIntentModel,
  planIntent,
  type RunIntentParameters,
  runIntent,
  toPlanJson,
} from "@convergence/agent";
import { describeInferenceStep } from "../market/describeInferenceStep.ts";
import type { AgentServerEvent } from "./agentServerEvent.ts";
import { stripControlCharacters } from "./stripControlCharacters.ts";

/** One event of a run as sent: its position (the SSE id) and its JSON. */
export type AgentRunEvent = AgentServerEvent & { id: number };

/** The hooks a run gives the agent's context: confirmations, decisions and inference progress become events. */
export type AgentRunHooks = Required<Pick<CreateAgentContextParameters, "confirm" | "onDecision" | "onInferenceStep">>;

export type StartAgentRunParameters = {
  intent: string;
  /** The chat model (default: the embedded intent model). */
  model?: RunIntentParameters["model"];
  /** The agent's context for this run, built with the run's hooks. */
  createContext: (hooks: AgentRunHooks) => AgentContext;
  /** A confirmation nobody answers within this is refused. */
  confirmationTimeoutMs: number;
};

export type AgentRun = {
  id: string;
  /** Every event so far, in order. */
  events: readonly AgentRunEvent[];
  finished(): boolean;
  /** Settles when the run has ended (done or error); never rejects. */
  settled: Promise<void>;
  /** Calls `listener` with each new event, then with null once the run has ended; returns the unsubscribe. */
  subscribe(listener: (event: AgentRunEvent | null) => void): () => void;
  /** The browser's answer to a confirmation. */
  answer(parameters: { confirmationId: string; approve: boolean }): "answered" | "unknown" | "already-answered";
  /** Refuses every pending and later confirmation (the server is closing). */
  shutdown(): void;
};

/** Strings with their control characters removed, bigints as decimal strings, all the way down. */
function clean(value: unknown): unknown {
  if (typeof value === "string") return stripControlCharacters({ text: value });
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [stripControlCharacters({ text: key }), clean(inner)]),
    );
  return value;
}

/**
 * Plans and runs one intent with the agent, as `convergence agent run` does, turning each step into an event: the
 * plan first, then each call, policy decision, confirmation asked (which waits for `answer`, refused after the
 * timeout), tool result, and the end. Everything echoed has its control characters stripped.
 *
 * @example
 * const run = startAgentRun({ intent: "wrap 1 ETH", createContext, confirmationTimeoutMs: 120_000 });
 */
export function startAgentRun({
  intent,
  model = new EmbeddedIntentModel(),
  createContext,
  confirmationTimeoutMs,
}: StartAgentRunParameters): AgentRun {
  const events: AgentRunEvent[] = [];
  const listeners = new Set<(event: AgentRunEvent | null) => void>();
  const pending = new Map<string, (approved: boolean, by: "browser" | "timeout" | "shutdown") => void>();
  const answered = new Set<string>();
  let ended = false;
  let closing = false;

  const emit = (event: AgentServerEvent) => {
    if (ended) return;
    const sent = { id: events.length, event: event.event, data: clean(event.data) } as AgentRunEvent;
    events.push(sent);
    for (const listener of listeners) listener(sent);
  };
  const end = (event: AgentServerEvent) => {
    emit(event);
    ended = true;
    for (const listener of listeners) listener(null);
    listeners.clear();
  };

  const confirm = (summary: string): Promise<boolean> => {
    if (closing) return Promise.resolve(false);
    const confirmationId = randomUUID();
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => settle(false, "timeout"), confirmationTimeoutMs);
      const settle = (approved: boolean, by: "browser" | "timeout" | "shutdown") => {
        clearTimeout(timer);
        pending.delete(confirmationId);
        answered.add(confirmationId);
        emit({ event: "confirmation", data: { confirmationId, approved, by } });
        resolve(approved);
      };
      pending.set(confirmationId, settle);
      emit({
        event: "confirm",
        data: { confirmationId, summary, timeoutSeconds: Math.round(confirmationTimeoutMs / 1000) },
      });
    });
  };

  const calls = new Map<string, Record<string, unknown>[]>();
  const settled = (async () => {
    let allOk = true;
    try {
      const plan = await planIntent({ intent, model });
      emit({ event: "plan", data: { intent, plan: toPlanJson({ plan }) } });
      if (plan.refusal !== undefined) return end({ event: "done", data: { ok: false, text: plan.refusal } });
      const context = createContext({
        confirm,
        onDecision: (call, decision) =>
          emit({
            event: "decision",
            data: decision.allowed
              ? {
                  tool: call.name,
                  input: call.args,
                  allowed: true,
                  message: `allowed (caps, allowlist, slippage; simulated${decision.simulation.ok && decision.simulation.gas ? `, ~${decision.simulation.gas} gas` : ""})`,
                }
              : {
                  tool: call.name,
                  input: call.args,
                  allowed: false,
                  rule: decision.violation.rule,
                  message: decision.violation.message,
                },
          }),
        onInferenceStep: (step, run) => {
          emit({ event: "inference", data: { text: describeInferenceStep({ step }) } });
          return run();
        },
      });
      const { answer } = await runIntent({
        intent,
        context,
        model,
        onEvent: (event) => {
          if (event.type === "call") {
            calls.set(event.name, [...(calls.get(event.name) ?? []), event.args]);
            emit({ event: "call", data: { tool: event.name, input: event.args } });
          } else if (event.type === "result") {
            const [input = {}, ...rest] = calls.get(event.name) ?? [];
            calls.set(event.name, rest);
            if (!event.ok) allOk = false;
            emit({ event: "step", data: { tool: event.name, input, output: event.text, ok: event.ok } });
          }
        },
      });
      end({ event: "done", data: { ok: allOk, text: answer } });
    } catch (error) {
      end({ event: "error", data: { message: error instanceof Error ? error.message : String(error) } });
    } finally {
      for (const settle of [...pending.values()]) settle(false, "shutdown");
    }
  })();

  return {
    id: randomUUID(),
    events,
    finished: () => ended,
    settled,
    subscribe(listener) {
      if (ended) {
        listener(null);
        return () => {};
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    answer({ confirmationId, approve }) {
      const settle = pending.get(confirmationId);
      if (settle) {
        settle(approve, "browser");
        return "answered";
      }
      return answered.has(confirmationId) ? "already-answered" : "unknown";
    },
    shutdown() {
      closing = true;
      for (const settle of [...pending.values()]) settle(false, "shutdown");
    },
  };
}
